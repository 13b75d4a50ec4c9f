import type { Code } from '../model';
import type { AgreementCoding, AgreementInput, AgreementSegment } from './input';
import { code } from './test-builders';
import { computeAgreement } from './text';

/** A small seeded generator (mulberry32), so that the workload is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The W2 workload: 120 documents of 50,000 characters, 3 coders with 12,000 segments each, 30 codes. */
function w2Input(): AgreementInput {
  const next = random(2026);
  const pick = (n: number) => Math.floor(next() * n);
  const codes: Code[] = [];
  for (let p = 0; p < 5; p++) {
    codes.push(code(`parent-${p}`, null, p));
    for (let c = 0; c < 5; c++) codes.push(code(`child-${p}-${c}`, `parent-${p}`, c));
  }
  const leaves = codes.filter((entry) => entry.parentGuid !== null);
  const documents = Array.from({ length: 120 }, (_, i) => ({ guid: `doc-${i}`, name: `Interview ${i}`, length: 50_000 }));
  const coders = ['anna', 'ben', 'cleo'];
  const segments: AgreementSegment[] = [];
  const codings: AgreementCoding[] = [];
  for (const coderGuid of coders) {
    for (const document of documents) {
      for (let s = 0; s < 100; s++) {
        const start = pick(document.length - 1000);
        const guid = `${coderGuid}-${document.guid}-${s}`;
        segments.push({ guid, documentGuid: document.guid, coderGuid, start, end: start + 20 + pick(980) });
        codings.push({ segmentGuid: guid, codeGuid: leaves[pick(leaves.length)]?.guid ?? '' });
        if (next() < 0.3) codings.push({ segmentGuid: guid, codeGuid: leaves[pick(leaves.length)]?.guid ?? '' });
      }
    }
  }
  return { documents, codes, coders, segments, codings };
}

describe('computeAgreement on a W2-sized project', () => {
  it('computes every code and domain in well under a few seconds', () => {
    const input = w2Input();
    const started = performance.now();
    const report = computeAgreement(input);
    const elapsed = performance.now() - started;
    expect(report.codes).toHaveLength(30);
    expect(report.domains).toHaveLength(5);
    expect(report.codes[0]?.documents).toHaveLength(120);
    // Measured well below a second on a laptop; the margin absorbs slow CI machines.
    expect(elapsed).toBeLessThan(3000);
  });
});
