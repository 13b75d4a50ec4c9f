#!/usr/bin/env node
// Workload W1 for benchmarks: one Dutch-like interview transcript of exactly
// 300,000 UTF-16 code units and 10,000 highlight ranges over 34 coloured categories.
// Deterministic: the same seed gives byte-identical JSON on any machine (no Math.random,
// no dates, no locale-dependent calls).
//
// This is a copy of ../shared/bench/gen-w1.mjs (the peer benchmark's generator), so that the
// repository does not need ../shared: the generator body is unchanged (a few functions are
// exported for gen-w2.mjs); only the command line below differs. `--check` proves that this copy
// still writes exactly the shared W1 (same textSha256, same JSON bytes, same counts).
//
//   node bench/gen-w1.mjs [out.json]                  write W1 (default: ./w1.json)
//   node bench/gen-w1.mjs --check                     verify the copy against the stated sha and counts
//   node bench/gen-w1.mjs --workload FILE [out.json]  load and validate an existing W1 JSON instead
//   node bench/gen-w1.mjs --scale 0.1 [out.json]      a smaller W1 (quick benchmark runs; not W1!)
//
// Conventions of the JSON (format "peer-w1/1"):
//   text        the whole transcript; paragraphs (speaker turns) are joined by "\n\n"
//   paragraphs  [start, end) of each paragraph in `text`, separator excluded
//   ranges      {id, start, end, cat}: half-open [start, end) in UTF-16 code units of `text`,
//               `cat` indexes `categories`; never split a surrogate pair
//   adds        50 more ranges, spread through the document, for the add-one test
//   categories  {id, name, color}
//   stats       what the generator actually produced (overlap share, lengths, ...)

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const W1_DEFAULTS = {
  seed: 0x57310001,
  textLength: 300_000,
  rangeCount: 10_000,
  categoryCount: 34,
  overlapShare: 0.30, // share of ranges that overlap at least one other range
  spanShare: 0.05, // share of ranges that contain a paragraph break
  minLen: 20,
  maxLen: 400,
  addCount: 50,
};

// ---------------------------------------------------------------- PRNG (mulberry32)
export function mulberry32(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const exp = (mean) => -mean * Math.log(1 - next());
  const logUniform = (lo, hi) => Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo)));
  const shuffle = (arr) => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  };
  return { next, int, pick, exp, logUniform, shuffle };
}

// ---------------------------------------------------------------- vocabulary
const FUNCTION_WORDS = `de het een en van in op te dat die is niet met voor zijn er ook maar als dan
  aan om bij wat nog wel naar door over uit zo al kan moet wordt werd had heeft hebben waren
  omdat want toen nu hier daar heel veel meer echt gewoon eigenlijk natuurlijk misschien vaak
  soms altijd nooit samen weer even eens best wel zeker`.split(/\s+/).filter(Boolean);
const PRONOUNS = 'ik je jij u hij zij we wij ze men mijn onze hun haar zijn jullie'.split(' ');
const CONTENT_WORDS = `school ouders ouder leerkracht leerkrachten mentor kind kinderen dochter zoon
  thuis gesprek gesprekken huiswerk contact betrokkenheid juf meester rapport oudergesprek klas
  groep zorg vertrouwen samenwerking communicatie afspraak afspraken nieuwsbrief ouderavond
  directeur intern begeleider zorgcoördinator brugfunctionaris teamleider lockdown laptop
  schoolsluiting opvang rooster cijfers toets toetsen leerling leerlingen gezin gezinnen
  moeder vader opa oma buurt wijk taal Nederlands rekenen lezen spelling begrip zorgen
  problemen hulp ondersteuning overleg telefoon WhatsApp mail app portaal bericht berichten
  week weken dag dagen ochtend middag avond jaar begin einde periode situatie manier
  ervaring ervaringen gevoel idee ideeën verwachtingen drempel drempels uitnodiging vraag
  vragen antwoord reactie signaal signalen risico risico's netwerk wijkteam jeugdzorg
  leerplicht verzuim motivatie structuur ritme planning opdrachten schoolwerk
  thuisonderwijs videobellen contactmoment huisbezoek tienminutengesprek`.split(/\s+/).filter(Boolean);
const VERBS = `bellen praten vragen zeggen denken weten vinden merken zien horen helpen werken
  leren lezen schrijven maken doen gaan komen staan zitten blijven proberen begrijpen
  uitleggen afspreken regelen ondersteunen betrekken informeren delen luisteren reageren
  opvangen volgen missen voelen merkte zei dacht vond belde vroeg hielp probeerde wist
  kreeg gaf deed ging kwam bleef praatte legde`.split(/\s+/).filter(Boolean);
const ADJECTIVES = `goed slecht moeilijk makkelijk lastig prettig fijn belangrijk nieuw oud
  groot klein lang kort snel langzaam duidelijk onduidelijk persoonlijk open eerlijk
  kwetsbaar betrokken geïnteresseerd ongeïnteresseerd financiële sociale digitale
  positief negatief spannend rustig druk zwaar anders`.split(/\s+/).filter(Boolean);
const FILLERS = ['eh', 'nou', 'ja', 'dus', 'weet je', 'zeg maar', 'hè', 'ehm', 'oké', 'nee'];
export const ASIDES = ['[lacht]', '(stilte)', '[onverstaanbaar]', '(zucht)', '[telefoon gaat]', '(pauze)'];
const QUESTION_STARTS = ['Hoe', 'Wat', 'Waarom', 'Wanneer', 'Kunt u', 'Kun je', 'Heeft u', 'Hoe vaak', 'Met wie', 'Waar'];
export const RARE_NON_BMP = ['\u{1F642}', '\u{1F44D}', '\u{1F605}']; // 🙂 👍 😅 (surrogate pairs)

const CATEGORY_NAMES = [
  'Cognitief reageren', 'Gedragsmatig reageren', 'Contextuele versterking', 'Basisvoorwaarden',
  'Thuisbetrokkenheid', 'Schoolbetrokkenheid', 'Eenrichtingscommunicatie', 'Tweerichtingscommunicatie',
  'Informeren', 'Raadplegen', 'Samen beslissen', 'Vertrouwen', 'Drempels', 'Taalbarrière',
  'Digitale middelen', 'Huisbezoek', 'Telefonisch contact', 'Ouderavond', 'Huiswerkbegeleiding',
  'Zorgstructuur', 'Netwerk buiten school', 'Wijkteam', 'Leerplicht en verzuim', 'Welbevinden kind',
  'Welbevinden ouder', 'Verwachtingen school', 'Verwachtingen ouder', 'Rolopvatting mentor',
  'Schoolleiding', 'Beleid', 'Kansengelijkheid', 'COVID-maatregelen', 'Positieve ervaring', 'Negatieve ervaring',
];

function hslToHex(h, s, l) {
  s /= 100; l /= 100;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  const hex = (x) => Math.round(x * 255).toString(16).padStart(2, '0');
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

// ---------------------------------------------------------------- text
export function makeSentence(rng, question) {
  const n = rng.int(5, 20);
  const words = [];
  if (question) words.push(rng.pick(QUESTION_STARTS));
  while (words.length < n) {
    const r = rng.next();
    if (r < 0.42) words.push(rng.pick(FUNCTION_WORDS));
    else if (r < 0.50) words.push(rng.pick(PRONOUNS));
    else if (r < 0.75) words.push(rng.pick(CONTENT_WORDS));
    else if (r < 0.88) words.push(rng.pick(VERBS));
    else if (r < 0.96) words.push(rng.pick(ADJECTIVES));
    else words.push(rng.pick(FILLERS));
    if (words.length > 3 && words.length < n - 2 && rng.next() < 0.07) words[words.length - 1] += ',';
  }
  let s = words.join(' ');
  s = s[0].toUpperCase() + s.slice(1);
  if (s.endsWith(',')) s = s.slice(0, -1);
  return s + (question ? '?' : rng.next() < 0.1 ? '...' : '.');
}

function makeTurn(rng, speaker) {
  const interviewer = speaker === 'Interviewer';
  const count = interviewer ? rng.int(1, 3) : rng.int(2, 9);
  const parts = [];
  for (let i = 0; i < count; i++) {
    parts.push(makeSentence(rng, interviewer && i === count - 1 && rng.next() < 0.8));
    if (!interviewer && rng.next() < 0.05) parts.push(rng.pick(ASIDES));
  }
  if (!interviewer && rng.next() < 0.02) parts.push(rng.pick(RARE_NON_BMP));
  return `${speaker}: ${parts.join(' ')}`;
}

export function makeText(rng, length) {
  const SEP = '\n\n';
  const paras = [];
  let total = 0;
  let turn = 0;
  while (total < length) {
    const p = makeTurn(rng, turn % 2 === 0 ? 'Interviewer' : 'Ouder');
    turn++;
    paras.push(p);
    total += (paras.length > 1 ? SEP.length : 0) + p.length;
  }
  // Trim the last paragraph so that the text is exactly `length` code units long.
  let last = paras.pop();
  const before = paras.length ? paras.join(SEP).length + SEP.length : 0;
  last = last.slice(0, length - before);
  if (/[\uD800-\uDBFF]$/.test(last)) last = last.slice(0, -1) + '.';
  if (last.length < 2) { // never leave a stub paragraph: lengthen the previous one instead
    const prev = paras.pop();
    last = (prev + SEP + last).slice(0, length - (paras.length ? paras.join(SEP).length + SEP.length : 0));
  }
  paras.push(last);
  const text = paras.join(SEP);
  if (text.length !== length) throw new Error(`text length ${text.length} != ${length}`);
  const spans = [];
  let pos = 0;
  for (const p of paras) { spans.push([pos, pos + p.length]); pos += p.length + SEP.length; }
  return { text, paragraphs: spans };
}

// ---------------------------------------------------------------- ranges
// Units are laid out left to right without touching each other: a "solo" is one range that
// overlaps nothing; a "cluster" is 2-4 ranges that all overlap the cluster's anchor range
// (several codes on one passage). So the share of overlapping ranges is exactly the share of
// ranges that sit in clusters. At 10,000 ranges in 300,000 characters this forces most solo
// ranges to be short (the text is nearly fully coded); lengths still run from 20 to 400.
function clampLen(x, o) { return Math.max(o.minLen, Math.min(o.maxLen, Math.round(x))); }

function makeUnits(rng, o, scale) {
  const nClustered = Math.round(o.rangeCount * o.overlapShare);
  const nSolo = o.rangeCount - nClustered;
  const sizes = [];
  let left = nClustered;
  while (left > 0) {
    let s = rng.int(2, 4);
    if (left - s === 1) s = s < 4 ? s + 1 : s - 1; // never leave a cluster of one
    if (s > left) s = left;
    sizes.push(s);
    left -= s;
  }
  const units = [];
  for (let i = 0; i < nSolo; i++) {
    const len = rng.next() < 0.012 ? rng.logUniform(40, o.maxLen) : o.minLen + rng.exp(3.5 * scale);
    units.push({ members: [{ rel: 0, len: clampLen(len, o) }] });
  }
  for (const size of sizes) {
    const aLen = clampLen(rng.next() < 0.05 ? rng.logUniform(150, o.maxLen) : 25 + rng.exp(35 * scale), o);
    const members = [{ rel: 0, len: aLen }];
    for (let k = 1; k < size; k++) {
      const len = clampLen(rng.next() < 0.04 ? rng.logUniform(100, o.maxLen) : o.minLen + rng.exp(20 * scale), o);
      // overlap the anchor by at least 5 code units, spilling over either edge now and then
      const lo = Math.max(-(len - 5), -Math.round(len * 0.3));
      const hi = Math.min(aLen - 5, aLen - Math.round(len * 0.7));
      const rel = hi >= lo ? rng.int(lo, hi) : rng.int(5 - len, aLen - 5);
      members.push({ rel, len });
    }
    const min = Math.min(...members.map((m) => m.rel));
    for (const m of members) m.rel -= min;
    units.push({ members });
  }
  for (const u of units) u.span = Math.max(...u.members.map((m) => m.rel + m.len));
  return rng.shuffle(units);
}

function layout(rng, o, text, paragraphs, units) {
  const L = text.length;
  const SEP = 2;
  const totalRanges = units.reduce((n, u) => n + u.members.length, 0);
  const spanTarget = Math.round(totalRanges * o.spanShare);
  let remainingSpan = units.reduce((n, u) => n + u.span, 0);
  const queue = units.slice();
  const out = [];
  let pi = 0, cursor = paragraphs[0][0], placedRanges = 0, spanning = 0, ui = 0;
  const place = (u, start) => {
    for (const m of u.members) {
      let s = start + m.rel, e = s + m.len;
      // never split a surrogate pair
      if (/[\uDC00-\uDFFF]/.test(text[s])) s -= 1;
      if (e < L && /[\uDC00-\uDFFF]/.test(text[e])) e += 1;
      out.push({ start: s, end: e, unit: ui });
      if (text.slice(s, e).includes('\n')) spanning++;
    }
    ui++;
    placedRanges += u.members.length;
    remainingSpan -= u.span;
    cursor = Math.max(...out.slice(-u.members.length).map((r) => r.end));
  };
  // Does any member boundary of u, placed at start, fall inside the separator after paragraph p?
  const boundaryInSep = (u, start, p) => {
    const a = paragraphs[p][1], b = a + SEP;
    return u.members.some((m) => {
      const s = start + m.rel, e = s + m.len;
      return (s >= a && s <= b) || (e >= a && e <= b);
    });
  };
  while (queue.length) {
    while (pi < paragraphs.length && cursor >= paragraphs[pi][1]) { pi++; if (pi < paragraphs.length) cursor = Math.max(cursor, paragraphs[pi][0]); }
    if (pi >= paragraphs.length) return null;
    const remainingUnits = queue.length;
    const slack = L - cursor - remainingSpan - (paragraphs.length - pi) * SEP;
    const avgGap = Math.max(1, slack / remainingUnits);
    const gap = 1 + Math.floor(rng.next() * Math.max(1, 2 * avgGap - 1));
    const start = cursor + (cursor === paragraphs[pi][0] ? gap - 1 : gap);
    const room = paragraphs[pi][1] - start;
    // first unit among the next 64 that fits in what is left of this paragraph
    let k = -1;
    for (let j = 0; j < Math.min(64, queue.length); j++) if (queue[j].span <= room) { k = j; break; }
    const wantSpan = spanning < spanTarget * (placedRanges + queue[0].members.length) / totalRanges;
    if (wantSpan && pi + 1 < paragraphs.length) {
      // let the head unit run over the break if the break falls well inside it
      const u = queue[0];
      let s = start;
      for (let t = 0; t < 4 && boundaryInSep(u, s, pi); t++) s++;
      const breakOffset = paragraphs[pi][1] - s;
      if (breakOffset >= 3 && breakOffset <= u.span - 5 && !boundaryInSep(u, s, pi) && s + u.span + SEP <= paragraphs[pi + 1][1]) {
        queue.shift();
        place(u, s);
        continue;
      }
    }
    if (k >= 0) {
      const [u] = queue.splice(k, 1);
      place(u, start);
    } else {
      cursor = paragraphs[pi][1]; // nothing fits: go to the next paragraph
    }
  }
  return out;
}

function assignCategories(rng, o, ranges) {
  // Zipf-like use of codes: a few codes are used a lot, most now and then.
  const weights = Array.from({ length: o.categoryCount }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const order = rng.shuffle(Array.from({ length: o.categoryCount }, (_, i) => i));
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = () => {
    let r = rng.next() * total;
    for (let i = 0; i < weights.length; i++) { r -= weights[i]; if (r <= 0) return order[i]; }
    return order[weights.length - 1];
  };
  let prevUnit = -1, used = new Set();
  for (const r of ranges) {
    if (r.unit !== prevUnit) { used = new Set(); prevUnit = r.unit; }
    let c = draw();
    for (let t = 0; t < 20 && used.has(c); t++) c = draw(); // overlapping codes differ
    used.add(c);
    r.cat = c;
  }
}

export function computeStats(text, paragraphs, ranges) {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const overlapping = new Set();
  // sweep: keep the open ranges; any two with a.start < b.end && b.start < a.end overlap
  const open = [];
  let maxDepth = 0;
  for (const r of sorted) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i].end <= r.start) open.splice(i, 1);
    for (const o of open) { overlapping.add(o.id); overlapping.add(r.id); }
    open.push(r);
    maxDepth = Math.max(maxDepth, open.length);
  }
  const lens = ranges.map((r) => r.end - r.start).sort((a, b) => a - b);
  const q = (p) => lens[Math.min(lens.length - 1, Math.floor(p * lens.length))];
  const covered = new Uint8Array(text.length);
  for (const r of ranges) covered.fill(1, r.start, r.end);
  const spanning = ranges.filter((r) => text.slice(r.start, r.end).includes('\n')).length;
  return {
    textLength: text.length,
    paragraphs: paragraphs.length,
    ranges: ranges.length,
    overlappingShare: +(overlapping.size / ranges.length).toFixed(4),
    spanningShare: +(spanning / ranges.length).toFixed(4),
    maxDepth,
    length: { min: lens[0], p50: q(0.5), mean: +(lens.reduce((a, b) => a + b, 0) / lens.length).toFixed(1), p90: q(0.9), p99: q(0.99), max: lens[lens.length - 1] },
    coveredShare: +(covered.reduce((a, b) => a + b, 0) / text.length).toFixed(4),
    nonBmpChars: [...text].filter((c) => c.length === 2).length,
  };
}

export function generateW1(options = {}) {
  const o = { ...W1_DEFAULTS, ...options };
  const rng = mulberry32(o.seed);
  const { text, paragraphs } = makeText(rng, o.textLength);
  const categories = CATEGORY_NAMES.slice(0, o.categoryCount).map((name, i) => ({
    id: `c${String(i + 1).padStart(2, '0')}`,
    name,
    // spread hues with a stride so that neighbouring ids differ; alternate lightness
    color: hslToHex((i * 137.508) % 360, 70, i % 2 ? 48 : 62),
  }));
  let ranges = null;
  for (let scale = 1, attempt = 0; !ranges; scale *= 0.9, attempt++) {
    if (attempt > 20) throw new Error('could not lay out the ranges');
    const units = makeUnits(rng, o, scale);
    ranges = layout(rng, o, text, paragraphs, units);
  }
  assignCategories(rng, o, ranges);
  // ids in document order
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  ranges = ranges.map((r, i) => ({ id: `r${String(i + 1).padStart(5, '0')}`, start: r.start, end: r.end, cat: r.cat }));

  // 50 adds spread through the document, each inside one paragraph, lengths 20-200
  const adds = [];
  for (let i = 0; i < o.addCount; i++) {
    const target = Math.floor(((i + 0.5) / o.addCount) * text.length);
    let pi = paragraphs.findIndex(([, e]) => e > target);
    while (paragraphs[pi][1] - paragraphs[pi][0] < 40) pi++;
    const [ps, pe] = paragraphs[pi];
    const len = Math.min(pe - ps, rng.int(20, 200));
    let s = Math.max(ps, Math.min(pe - len, target));
    let e = s + len;
    if (/[\uDC00-\uDFFF]/.test(text[s])) s -= 1;
    if (e < text.length && /[\uDC00-\uDFFF]/.test(text[e])) e += 1;
    adds.push({ id: `a${String(i + 1).padStart(2, '0')}`, start: s, end: e, cat: rng.int(0, o.categoryCount - 1) });
  }

  return {
    format: 'peer-w1/1',
    generator: 'gen-w1.mjs',
    options: o,
    offsets: 'UTF-16 code units, half-open [start, end)',
    paragraphSeparator: '\n\n',
    textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    stats: computeStats(text, paragraphs, ranges),
    categories,
    paragraphs,
    ranges,
    adds,
    text,
  };
}

// ---------------------------------------------------------------- checks and command line
// (Markeer's additions; everything above is the shared generator.)

/** textSha256 of W1 as ../shared/bench/README.md states it ("153e77eb...0472"). */
export const W1_TEXT_SHA256 = '153e77ebbce36c62e7fc9d715672ae6c7cd8ec34bbf211850f9b07925df80472';
/** SHA-256 of the whole JSON that `node ../shared/bench/gen-w1.mjs out.json` writes (so: same ranges too). */
export const W1_JSON_SHA256 = 'b4ff6958f7c393fe8de10787e73817797d272293aeea447980eee7040c214af8';
/** The counts the shared README states for W1. */
export const W1_EXPECTED = {
  textLength: 300_000,
  paragraphs: 939,
  ranges: 10_000,
  categories: 34,
  adds: 50,
  overlappingShare: 0.3,
  maxDepth: 4,
  nonBmpChars: 10,
  minLen: 20,
  maxLen: 398,
  medianLen: 23,
};

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A smaller workload of the same kind (quick runs): text and ranges scaled, adds at least 10. */
export function generateScaledW1(scale) {
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got ${scale}`);
  if (scale === 1) return generateW1();
  return generateW1({
    textLength: Math.round(W1_DEFAULTS.textLength * scale),
    rangeCount: Math.round(W1_DEFAULTS.rangeCount * scale),
    addCount: Math.max(10, Math.round(W1_DEFAULTS.addCount * scale)),
  });
}

/**
 * Checks that a workload object is well-formed "peer-w1/1": the text hashes to its textSha256,
 * every range and add lies inside the text, splits no surrogate pair and names a category.
 * Returns a list of problems (empty when fine).
 */
export function validateW1(w) {
  const problems = [];
  if (!w || w.format !== 'peer-w1/1') return [`format is ${JSON.stringify(w?.format)}, expected "peer-w1/1"`];
  if (typeof w.text !== 'string') return ['text is not a string'];
  if (sha256(w.text) !== w.textSha256) problems.push(`textSha256 ${w.textSha256} does not match the text (${sha256(w.text)})`);
  if (!Array.isArray(w.categories) || w.categories.length === 0) problems.push('no categories');
  const L = w.text.length;
  const low = (i) => i > 0 && i < L && /[\uDC00-\uDFFF]/.test(w.text[i]) && /[\uD800-\uDBFF]/.test(w.text[i - 1]);
  for (const [list, name] of [[w.ranges, 'ranges'], [w.adds, 'adds']]) {
    if (!Array.isArray(list)) { problems.push(`${name} is not a list`); continue; }
    for (const r of list) {
      if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start < r.end && r.end <= L)) problems.push(`${name} ${r.id}: [${r.start}, ${r.end}) outside the text`);
      else if (low(r.start) || low(r.end)) problems.push(`${name} ${r.id}: splits a surrogate pair`);
      if (!w.categories?.[r.cat]) problems.push(`${name} ${r.id}: no category ${r.cat}`);
      if (problems.length > 20) return problems;
    }
  }
  return problems;
}

/** Loads a W1 JSON file (e.g. the one ../shared/bench/gen-w1.mjs wrote) and validates it. */
export function loadW1(file) {
  const raw = readFileSync(file, 'utf8');
  const w = JSON.parse(raw);
  const problems = validateW1(w);
  if (problems.length) throw new Error(`${file} is not a usable W1 workload:\n  ${problems.join('\n  ')}`);
  return { workload: w, canonical: w.textSha256 === W1_TEXT_SHA256 && sha256(raw) === W1_JSON_SHA256 };
}

/** Checks generateW1() against the stated sha and counts; returns the problems found. */
export function checkW1(w = generateW1()) {
  const json = JSON.stringify(w);
  const s = w.stats;
  const lens = w.ranges.map((r) => r.end - r.start).sort((a, b) => a - b);
  const E = W1_EXPECTED;
  const checks = [
    ['textSha256', w.textSha256, W1_TEXT_SHA256],
    ['sha256 of the JSON', sha256(json), W1_JSON_SHA256],
    ['text length', w.text.length, E.textLength],
    ['paragraphs', w.paragraphs.length, E.paragraphs],
    ['paragraphs joined by "\\n\\n"', w.paragraphs.map(([a, b]) => w.text.slice(a, b)).join('\n\n') === w.text, true],
    ['ranges', w.ranges.length, E.ranges],
    ['categories', w.categories.length, E.categories],
    ['adds', w.adds.length, E.adds],
    ['overlapping share', s.overlappingShare, E.overlappingShare],
    ['spanning share about 5%', Math.abs(s.spanningShare - 0.05) < 0.002, true],
    ['max overlap depth', s.maxDepth, E.maxDepth],
    ['non-BMP characters', [...w.text].filter((c) => c.length === 2).length, E.nonBmpChars],
    ['shortest range', lens[0], E.minLen],
    ['longest range', lens[lens.length - 1], E.maxLen],
    ['median range length', s.length.p50, E.medianLen],
    ['stats recomputed', JSON.stringify(computeStats(w.text, w.paragraphs, w.ranges)), JSON.stringify(s)],
    ['well-formed', validateW1(w).join('; '), ''],
  ];
  return checks.filter(([, got, want]) => got !== want).map(([what, got, want]) => `${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    if (value === undefined) throw new Error(`${name} needs a value`);
    return value;
  };
  if (args.includes('--check')) {
    const t0 = performance.now();
    const problems = checkW1();
    const ms = Math.round(performance.now() - t0);
    if (problems.length) {
      console.error(`gen-w1 --check FAILED (${ms} ms):\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`gen-w1 --check ok (${ms} ms): textSha256 ${W1_TEXT_SHA256}, JSON sha256 ${W1_JSON_SHA256}, ` +
      `${W1_EXPECTED.textLength} code units, ${W1_EXPECTED.paragraphs} paragraphs, ${W1_EXPECTED.ranges} ranges, ` +
      `${W1_EXPECTED.categories} categories, ${W1_EXPECTED.adds} adds`);
    process.exit(0);
  }
  const from = flag('--workload');
  const scale = flag('--scale');
  const out = args[0] || 'w1.json';
  let w;
  if (from) {
    const loaded = loadW1(from);
    w = loaded.workload;
    if (!loaded.canonical) process.stderr.write(`note: ${from} is a valid workload but not the canonical W1\n`);
  } else {
    w = scale === undefined ? generateW1() : generateScaledW1(Number(scale));
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(w));
  process.stderr.write(`wrote ${out}\n`);
  console.log(JSON.stringify({ out, textSha256: w.textSha256, stats: w.stats }));
}
