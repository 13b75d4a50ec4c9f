import fc from 'fast-check';
import { disagreements } from './disagreements';
import { coding } from './test-builders';
import { computeAgreement } from './text';

describe('disagreements', () => {
  it('lists the stretches one coder coded and the other did not, biggest first', () => {
    const input = coding().add('anna', 'doc', 0, 150, 'joy').add('ben', 'doc', 100, 200, 'joy').input({ doc: 1000 }, ['anna', 'ben']);
    expect(disagreements(input, 'joy', 'doc')).toEqual([
      { start: 0, end: 100, coded: ['anna'], notCoded: ['ben'] },
      { start: 150, end: 200, coded: ['ben'], notCoded: ['anna'] },
    ]);
  });

  it('counts subcodes for their code and splits where the coders who coded change', () => {
    const input = coding()
      .add('anna', 'doc', 0, 10, 'rage')
      .add('ben', 'doc', 5, 20, 'anger')
      .add('cleo', 'doc', 8, 12, 'emotion')
      .add('cleo', 'other', 0, 30, 'emotion')
      .input({ doc: 40, other: 40 }, ['anna', 'ben', 'cleo']);
    expect(disagreements(input, 'emotion', 'doc')).toEqual([
      { start: 12, end: 20, coded: ['ben'], notCoded: ['anna', 'cleo'] },
      { start: 0, end: 5, coded: ['anna'], notCoded: ['ben', 'cleo'] },
      { start: 5, end: 8, coded: ['anna', 'ben'], notCoded: ['cleo'] },
      { start: 10, end: 12, coded: ['ben', 'cleo'], notCoded: ['anna'] },
    ]);
  });

  it('is empty when the coders agree, or for a document not compared', () => {
    const input = coding().add('anna', 'doc', 0, 5, 'joy').add('anna', 'doc', 5, 10, 'joy').add('ben', 'doc', 0, 10, 'joy').input({ doc: 10 }, ['anna', 'ben']);
    expect(disagreements(input, 'joy', 'doc')).toEqual([]);
    expect(disagreements(input, 'joy', 'missing')).toEqual([]);
  });

  it('covers exactly the characters coded by one of two coders only', () => {
    const segment = fc.record({ coder: fc.constantFrom('anna', 'ben'), x: fc.nat(40), y: fc.nat(40), code: fc.constantFrom('joy', 'anger', 'rage') });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const built = coding();
        for (const { coder, x, y, code } of segments) built.add(coder, 'doc', Math.min(x, y), Math.max(x, y), code);
        const input = built.input({ doc: 40 }, ['anna', 'ben']);
        const found = disagreements(input, 'emotion', 'doc');
        const pooled = computeAgreement({ ...input, codeGuids: ['emotion'] }).codes[0]?.pooled;
        const total = (coder: string) => found.filter((entry) => entry.coded[0] === coder).reduce((sum, entry) => sum + entry.end - entry.start, 0);
        expect(total('anna')).toBe(pooled?.onlyA);
        expect(total('ben')).toBe(pooled?.onlyB);
        for (let i = 1; i < found.length; i++) {
          const [before, after] = [found[i - 1], found[i]];
          if (before && after) expect(before.end - before.start).toBeGreaterThanOrEqual(after.end - after.start);
        }
      }),
    );
  });
});
