#!/usr/bin/env node
// Workload W2 for benchmarks: a whole project. 120 Dutch-like interview transcripts of exactly
// 50,000 UTF-16 code units each (6 million in all), coded by three coders with 12,000 segments
// each, with leaf codes of the default codebook template (veerkracht-partnerschap).
// Deterministic: the same seed gives byte-identical JSON on any machine (mulberry32 only; no
// Math.random, no dates, no locale-dependent calls).
//
//   node bench/gen-w2.mjs [out.json]               (default: ./w2.json)
//   node bench/gen-w2.mjs --documents 6 [out.json] a smaller W2 (quick runs): 6 documents,
//                                                   100 segments per coder per document as in W2
//   node bench/gen-w2.mjs --documents 1200 [out]   W3 (issue 15): W2 ten times over, 360,000
//                                                   segments, 406,465 codings, 60 million code units
//
// How the coding is made to look like real coding by three people:
// - Per document a pool of "passages" (1-7 whole sentences, some running over a paragraph break;
//   15% a phrase inside a sentence), each with a main code and sometimes a second one; passages
//   may overlap or nest, as codes on a passage and on a sentence inside it do.
// - Each coder codes most of the pool (about 85%), moving a boundary by a few words now and then,
//   applies the passage's main code most of the time (else another leaf: disagreement), the second
//   code often; and adds a few passages nobody else coded.
// - Lengths 20 to about 800 code units (median about 120); no segment starts or ends in white
//   space or inside a surrogate pair; one coder never has two segments with the same range.
//
// JSON (format "markeer-w2/1"):
//   template    slug of the codebook template; codes: its leaf codes {guid, slug, name}
//   coders      {id, name, color}
//   documents   {id, name, variables, textSha256, paragraphs: [[start, end)], text}
//   segments    {doc, coder, start, end, codes: [index into codes]}: half-open, UTF-16 code units
//   stats       what was produced

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASIDES, RARE_NON_BMP, makeSentence, mulberry32 } from './gen-w1.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const TEMPLATE_SLUG = 'veerkracht-partnerschap';
const TEMPLATE_FILE = join(HERE, '..', 'src', 'domain', 'templates', `${TEMPLATE_SLUG}.json`);

export const W2_DEFAULTS = {
  seed: 0x57320002,
  documents: 120,
  textLength: 50_000,
  coders: 3,
  segmentsPerCoderPerDocument: 100, // 120 x 100 = 12,000 per coder
  sharedShare: 0.85, // share of a coder's segments that come from the shared passage pool
  agreeShare: 0.75, // chance that a coder applies a passage's main code (else another leaf)
  secondCodeShare: 0.22, // share of passages with a second code
};

const CODERS = [
  { id: 'k1', name: 'Anouk de Vries', color: '#1d4e89' },
  { id: 'k2', name: 'Bram Jansen', color: '#b5179e' },
  { id: 'k3', name: 'Chaima El Amrani', color: '#2a9d8f' },
];
const RESPONDENTS = ['Ouder', 'Moeder', 'Vader', 'Mentor', 'Leerling', 'Zorgcoördinator', 'Teamleider', 'Leerkracht', 'Directeur'];
const SCHOOLS = ['Noord', 'Zuid', 'Oost', 'West', 'Centrum'];
const GROUPS = { Ouder: 'ouders', Moeder: 'ouders', Vader: 'ouders', Leerling: 'leerlingen' };

/** The leaf codes of the template, in tree order. */
export function templateLeaves() {
  const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
  const leaves = [];
  const walk = (list) => {
    for (const c of list) {
      if (c.children?.length) walk(c.children);
      else leaves.push({ guid: c.guid, slug: c.slug, name: c.name.nl });
    }
  };
  walk(template.codes);
  return leaves;
}

// ---------------------------------------------------------------- text
function makeTurnText(rng, interviewer) {
  const count = interviewer ? rng.int(1, 3) : rng.int(2, 9);
  const parts = [];
  for (let i = 0; i < count; i++) {
    parts.push(makeSentence(rng, interviewer && i === count - 1 && rng.next() < 0.8));
    if (!interviewer && rng.next() < 0.05) parts.push(rng.pick(ASIDES));
  }
  if (!interviewer && rng.next() < 0.01) parts.push(rng.pick(RARE_NON_BMP));
  return parts.join(' ');
}

/**
 * One transcript of exactly `length` code units: turns of an interviewer and one or two
 * respondents joined by blank lines; a long answer now and then goes on in a paragraph without a
 * label (a continuation of the turn).
 */
function makeTranscript(rng, length, speakers) {
  const SEP = '\n\n';
  const paras = [];
  let total = 0;
  let turn = 0;
  while (total < length) {
    const interviewer = turn % 2 === 0;
    const speaker = interviewer ? speakers[0] : speakers[1 + (speakers.length > 2 ? rng.int(0, speakers.length - 2) : 0)];
    turn++;
    const add = (p) => {
      total += (paras.length ? SEP.length : 0) + p.length;
      paras.push(p);
    };
    add(`${speaker}: ${makeTurnText(rng, interviewer)}`);
    if (!interviewer && rng.next() < 0.12 && total < length) add(makeTurnText(rng, false));
  }
  const before = () => (paras.length ? paras.join(SEP).length + SEP.length : 0);
  let last = paras.pop();
  // (at least 0: when the paragraphs before end one code unit short of the length, the separator
  // alone overshoots it, and the last paragraph goes entirely; first seen in W3's document 201)
  last = last.slice(0, Math.max(0, length - before()));
  if (last.length < 2) {
    const prev = paras.pop();
    last = (prev + SEP + last).slice(0, length - before());
  }
  // Stored texts are normalised: no white space at the end, no lone surrogate.
  if (/[\s\uD800-\uDBFF]$/.test(last)) last = last.slice(0, -1) + '.';
  paras.push(last);
  const text = paras.join(SEP);
  if (text.length !== length) throw new Error(`text length ${text.length} != ${length}`);
  const spans = [];
  let pos = 0;
  for (const p of paras) {
    spans.push([pos, pos + p.length]);
    pos += p.length + SEP.length;
  }
  return { text, paragraphs: spans };
}

/** Sentences of each paragraph (after its speaker label): [start, end) without trailing space. */
function sentencesOf(text, paragraphs) {
  const out = []; // {start, end, para}
  paragraphs.forEach(([ps, pe], para) => {
    const label = /^[^:\n]{1,40}: /.exec(text.slice(ps, Math.min(pe, ps + 44)));
    let s = ps + (label ? label[0].length : 0);
    const re = /[.?!]+(?=\s|$)|[\])](?=\s|$)/g;
    re.lastIndex = s;
    const body = text.slice(0, pe);
    let m;
    while ((m = re.exec(body)) !== null) {
      const e = m.index + m[0].length;
      if (e - s >= 8) out.push({ start: s, end: e, para });
      s = e;
      while (s < pe && /\s/.test(text[s])) s++;
      re.lastIndex = s;
    }
    if (pe - s >= 8) out.push({ start: s, end: pe, para });
  });
  return out;
}

// ---------------------------------------------------------------- segments
function zipfPicker(rng, n, exponent) {
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const weights = order.map((_, i) => 1 / Math.pow(i + 1, exponent));
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = rng.next() * total;
    for (let i = 0; i < n; i++) {
      r -= weights[i];
      if (r <= 0) return order[i];
    }
    return order[n - 1];
  };
}

const isSpace = (c) => c === undefined || /\s/.test(c);

/** Moves a boundary by a few words (a coder's own judgement), staying inside [lo, hi]. */
function jitter(rng, text, at, lo, hi, isStart) {
  const words = rng.int(1, 4) * (rng.next() < 0.5 ? -1 : 1);
  let p = at;
  for (let w = 0; w < Math.abs(words); w++) {
    const step = words < 0 ? -1 : 1;
    let q = p + step;
    while (q > lo && q < hi && !isSpace(text[q])) q += step; // to the next white space
    while (q > lo && q < hi && isSpace(text[q])) q += step; // over it
    if (q <= lo || q >= hi) break;
    p = q;
  }
  // a start sits at a word start, an end right after a word end
  if (isStart) while (p < hi && isSpace(text[p])) p++;
  else {
    while (p > lo && isSpace(text[p - 1])) p--;
    while (p < hi && !isSpace(text[p])) p++;
  }
  return p;
}

/** The start of the word at or after p (not beyond hi). */
function snapStart(text, p, hi) {
  let q = p;
  while (q < hi && q > 0 && !isSpace(text[q - 1])) q++;
  while (q < hi && isSpace(text[q])) q++;
  return q;
}

/** The end of the word at p (not beyond hi). */
function snapEnd(text, p, hi) {
  let q = p;
  while (q < hi && !isSpace(text[q])) q++;
  return q;
}

function safeRange(text, start, end) {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  if (/[\uDC00-\uDFFF]/.test(text[s] ?? '')) s -= 1;
  if (/[\uDC00-\uDFFF]/.test(text[e] ?? '')) e += 1;
  return e - s >= 20 ? { start: s, end: e } : null;
}

function makePassage(rng, text, sentences) {
  const i = rng.int(0, sentences.length - 1);
  const first = sentences[i];
  const r = rng.next();
  const n = r < 0.22 ? 1 : r < 0.5 ? 2 : r < 0.72 ? 3 : r < 0.88 ? 4 : rng.int(5, 7);
  let last = first;
  for (let k = 1; k < n && i + k < sentences.length; k++) {
    const next = sentences[i + k];
    // stay in the paragraph, except 5% of passages that run over the break
    if (next.para !== first.para && !(next.para === first.para + 1 && rng.next() < 0.03 * n)) break;
    last = next;
  }
  let range = { start: first.start, end: last.end };
  if (range.end - range.start > 1500) range.end = range.start + 1500;
  if (rng.next() < 0.15) {
    // a phrase inside a sentence, not the whole sentence
    const len = rng.int(20, Math.max(20, Math.min(120, range.end - range.start)));
    const s = snapStart(text, rng.int(range.start, Math.max(range.start, range.end - len)), range.end);
    range = { start: s, end: snapEnd(text, Math.min(s + len, range.end), range.end) };
  }
  return safeRange(text, range.start, range.end);
}

function codeDocument(rng, o, text, paragraphs, leafCount, pickCode) {
  const sentences = sentencesOf(text, paragraphs);
  const K = o.segmentsPerCoderPerDocument;
  const poolSize = Math.round(K * 1.02);
  const pool = [];
  for (let t = 0; pool.length < poolSize && t < poolSize * 20; t++) {
    const p = makePassage(rng, text, sentences);
    if (!p || pool.some((q) => q.start === p.start && q.end === p.end)) continue;
    const main = pickCode();
    let second = null;
    if (rng.next() < o.secondCodeShare) for (let k = 0; k < 10 && (second === null || second === main); k++) second = pickCode();
    pool.push({ ...p, main, second });
  }
  const segments = [];
  for (let c = 0; c < o.coders; c++) {
    const own = [];
    const seen = new Set();
    const push = (range, codes) => {
      const key = `${range.start}:${range.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      own.push({ doc: -1, coder: c, start: range.start, end: range.end, codes });
      return true;
    };
    const shared = Math.round(K * o.sharedShare);
    const order = rng.shuffle(pool.map((_, i) => i));
    for (const i of order) {
      if (own.length >= shared) break;
      const p = pool[i];
      let range = { start: p.start, end: p.end };
      if (rng.next() < 0.35) {
        const s = rng.next() < 0.5 ? jitter(rng, text, p.start, 0, p.end - 1, true) : p.start;
        const e = rng.next() < 0.5 ? jitter(rng, text, p.end, s + 1, text.length, false) : p.end;
        range = safeRange(text, s, e) ?? range;
      }
      const codes = [rng.next() < o.agreeShare ? p.main : (p.main + rng.int(1, leafCount - 1)) % leafCount];
      if (p.second !== null && rng.next() < 0.7 && p.second !== codes[0]) codes.push(p.second);
      push(range, codes);
    }
    for (let t = 0; own.length < K && t < K * 50; t++) {
      const p = makePassage(rng, text, sentences);
      if (p) push(p, [pickCode()]);
    }
    if (own.length !== K) throw new Error(`could not make ${K} segments for coder ${c}`);
    segments.push(...own);
  }
  return segments;
}

// ---------------------------------------------------------------- workload
export function generateW2(options = {}) {
  const o = { ...W2_DEFAULTS, ...options };
  const rng = mulberry32(o.seed);
  const codes = templateLeaves();
  const pickCode = zipfPicker(rng, codes.length, 0.9);
  const documents = [];
  const segments = [];
  for (let d = 0; d < o.documents; d++) {
    const drng = mulberry32((o.seed + Math.imul(d + 1, 0x9e3779b1)) >>> 0);
    const respondent = RESPONDENTS[d % RESPONDENTS.length];
    const group = d % 7 === 3; // now and then a group interview
    const speakers = group ? ['Interviewer', `${respondent} 1`, `${respondent} 2`, `${respondent} 3`] : ['Interviewer', respondent];
    const { text, paragraphs } = makeTranscript(drng, o.textLength, speakers);
    const school = SCHOOLS[d % SCHOOLS.length];
    documents.push({
      id: `d${String(d + 1).padStart(3, '0')}`,
      name: `${String(d + 1).padStart(3, '0')} ${group ? 'Groepsgesprek' : 'Interview'} ${respondent.toLowerCase()}, school ${school}`,
      variables: { school, respondentgroep: GROUPS[respondent] ?? 'school' },
      textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      paragraphs,
      text,
    });
    for (const s of codeDocument(drng, o, text, paragraphs, codes.length, pickCode)) segments.push({ ...s, doc: d });
  }
  segments.sort((a, b) => a.doc - b.doc || a.coder - b.coder || a.start - b.start || a.end - b.end);
  return {
    format: 'markeer-w2/1',
    generator: 'gen-w2.mjs',
    options: o,
    offsets: 'UTF-16 code units, half-open [start, end)',
    template: TEMPLATE_SLUG,
    codes,
    coders: CODERS.slice(0, o.coders),
    stats: statsW2(documents, segments, o),
    documents,
    segments,
  };
}

export function statsW2(documents, segments, o) {
  const lens = segments.map((s) => s.end - s.start).sort((a, b) => a - b);
  const q = (p) => lens[Math.min(lens.length - 1, Math.floor(p * lens.length))];
  const perCoder = Array.from({ length: o.coders }, (_, c) => segments.filter((s) => s.coder === c).length);
  // within one coder and document: share of segments overlapping another of the same coder
  let overlapping = 0;
  let spanning = 0;
  const key = (s) => `${s.doc}:${s.coder}`;
  const groups = new Map();
  for (const s of segments) {
    const g = groups.get(key(s));
    if (g) g.push(s);
    else groups.set(key(s), [s]);
  }
  for (const g of groups.values()) {
    const sorted = [...g].sort((a, b) => a.start - b.start);
    let maxEnd = -1;
    const flagged = new Set();
    for (let i = 0; i < sorted.length; i++) {
      const s = sorted[i];
      if (s.start < maxEnd) {
        flagged.add(s);
        for (let j = i - 1; j >= 0; j--) if (sorted[j].end > s.start) flagged.add(sorted[j]);
      }
      maxEnd = Math.max(maxEnd, s.end);
    }
    overlapping += flagged.size;
  }
  for (const s of segments) if (documents[s.doc].text.slice(s.start, s.end).includes('\n')) spanning++;
  return {
    documents: documents.length,
    characters: documents.reduce((n, d) => n + d.text.length, 0),
    segments: segments.length,
    segmentsPerCoder: perCoder,
    codings: segments.reduce((n, s) => n + s.codes.length, 0),
    overlappingWithinCoderShare: +(overlapping / segments.length).toFixed(4),
    spanningShare: +(spanning / segments.length).toFixed(4),
    length: { min: lens[0], p50: q(0.5), mean: +(lens.reduce((a, b) => a + b, 0) / lens.length).toFixed(1), p90: q(0.9), max: lens[lens.length - 1] },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--documents');
  const options = {};
  if (i >= 0) {
    options.documents = Number(args[i + 1]);
    args.splice(i, 2);
  }
  const out = args[0] || 'w2.json';
  const t0 = performance.now();
  const w = generateW2(options);
  mkdirSync(dirname(out), { recursive: true });
  const json = JSON.stringify(w);
  writeFileSync(out, json);
  process.stderr.write(`wrote ${out} in ${Math.round(performance.now() - t0)} ms\n`);
  console.log(JSON.stringify({ out, sha256: createHash('sha256').update(json).digest('hex'), stats: w.stats }));
}
