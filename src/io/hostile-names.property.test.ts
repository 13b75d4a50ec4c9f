// @vitest-environment node
/**
 * Issue 13: names and texts chosen to break things (Object.prototype members, control characters,
 * lone surrogates, right-to-left marks, 10,000-character names) go through a bundle unchanged,
 * through a .qdpx with every character it cannot hold listed, and through every analysis without
 * an error or a value that is no value ("function Object()", "[object Object]").
 * MARKEER_SOAK=n runs n random projects instead of 1,000.
 */
import fc from 'fast-check';
import { citation } from '../domain/analysis/citation';
import { filteredDocuments, NO_FILTER } from '../domain/analysis/filter';
import { cellSegments, computeCooccurrence, computeMatrix, cooccurrenceSegments, quotationMatrix, type MatrixColumns } from '../domain/analysis/matrix';
import { runQuery } from '../domain/analysis/query';
import { speakerCounts } from '../domain/analysis/scope-speakers';
import { scopeDocument } from '../domain/analysis/scope';
import { searchDocuments } from '../domain/analysis/search';
import { flattenTree } from '../domain/codebook';
import type { DocumentRecord, VariableDefinition } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { recordOf } from '../domain/records';
import { retrieveSegments } from '../domain/retrieval';
import { normalizeText, sha256Hex } from '../domain/text';
import { contributionsByVariable, themeSegments } from '../domain/themes';
import { detectTurns } from '../domain/turns';
import { canonicalValue, documentValue, variableList, variableValues } from '../domain/variables';
import { parseBundle, serializeBundle } from './bundle';
import { projectData } from './refi/arbitrary';
import { exportQdpx } from './refi/export';
import { importRefi } from './refi/import';
import { asXmlReadsIt } from './refi/naming';
import { NOT_XML } from './refi/xml';
import { codebookRows } from './reports/codebook';
import { quotationMatrixHtml } from './reports/matrix-html';
import { themeReport } from './reports/themes-report';

const RUNS = process.env.MARKEER_SOAK ? Number(process.env.MARKEER_SOAK) : 1000;

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'propertyIsEnumerable'];
const CONTROL = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\ufffe', '\uffff'];
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
const BIDI = ['\u200f', '\u200e', '\u202e', '\u202d', '\u2067', '\u2069', '\u061c'];
const PLAIN = ['a', 'Z', 'é', 'e\u0301', 'ש', 'ل', '😀', '&', '<', '"', ' ', '{x}'];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 2, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  { weight: 2, arbitrary: fc.constantFrom(...BIDI) },
);

/**
 * A hostile name: a bare Object.prototype member, a mix of the pieces above, or 10,000 characters.
 * Unique by the letter and number `tag` at its end (a name keeps something XML can hold, and
 * names stay different when XML drops characters), with nothing to trim at either end.
 */
const hostileName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 4, arbitrary: fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.array(piece, { maxLength: 3 }), fc.constantFrom('x', 'é', '\u202e', '\u0001')).map(([p, c]) => `${p.join('')}${c.repeat(10_000)}`) },
);
const tagged = (name: string, tag: string): string => (PROTOTYPE_NAMES.includes(name) ? name : `${name.trim()}${tag}`);

/** A hostile text for a comment, a description or a memo: empty or a mix of pieces. */
const hostileText = fc.oneof(fc.constant(''), fc.array(piece, { minLength: 1, maxLength: 10 }).map((p) => p.join('')));

interface Hostility {
  readonly project: string;
  readonly names: readonly string[];
  readonly texts: readonly string[];
  readonly variables: readonly string[];
  readonly values: readonly string[];
  readonly documentText: readonly (readonly string[])[];
}

const hostility: fc.Arbitrary<Hostility> = fc.record({
  project: hostileName,
  names: fc.array(hostileName, { minLength: 24, maxLength: 24 }),
  texts: fc.array(hostileText, { minLength: 24, maxLength: 24 }),
  variables: fc.uniqueArray(fc.constantFrom(...PROTOTYPE_NAMES, 'school', 'a\u0001b', 'ל\u200f', '\ud800x'), { minLength: 1, maxLength: 4 }),
  values: fc.array(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), hostileText), { minLength: 12, maxLength: 12 }),
  documentText: fc.array(fc.array(fc.oneof(piece, fc.constantFrom('I: ', '\n', '\nconstructor: ', '\n__proto__: ')), { minLength: 1, maxLength: 20 }), { minLength: 3, maxLength: 3 }),
});

/**
 * A random project (io/refi/arbitrary.ts) with hostile names and texts put in: project, coders,
 * codes, documents (names, texts, variables and speaker maps), comments, groups, memos, themes.
 */
function makeHostile(base: ProjectData, h: Hostility): ProjectData {
  let n = 0;
  const name = () => tagged(h.names[n % h.names.length]!, `n${n++}`);
  let t = 0;
  const text = () => h.texts[t++ % h.texts.length]!;
  // Texts change, so segments are made again: the same ranges, clamped to the new text.
  const texts = base.texts.map((x, i) => ({ ...x, text: normalizeText(`${h.documentText[i % 3]!.join('')} ${x.text}`) || 'x' }));
  const textOf = new Map(texts.map((x) => [x.documentGuid, x.text]));
  const variables: VariableDefinition[] = [
    ...base.variables,
    ...h.variables.filter((v) => !base.variables.some((b) => b.name === v)).map((v, i) => ({ guid: `0f000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, projectGuid: base.project.guid, name: v, type: 'text' as const, order: base.variables.length + i })),
  ];
  let v = 0;
  const documents: DocumentRecord[] = base.documents.map((d) => {
    const values = Object.entries(d.variables).filter(([k]) => k !== 'school');
    for (const name of h.variables) {
      const value = canonicalValue('text', h.values[v++ % h.values.length]!);
      if (value) values.push([name, value]);
    }
    const speakers = h.variables.map((s, i) => [s, i % 2 === 0 ? null : name()] as const);
    return { ...d, name: name(), length: textOf.get(d.guid)!.length, variables: recordOf(values), speakerMap: recordOf(speakers) };
  });
  const segments = base.segments.flatMap((s) => {
    const whole = textOf.get(s.documentGuid)!;
    const [start, end] = [Math.min(s.start, whole.length - 1), Math.min(s.end, whole.length)];
    // Ranges on code point boundaries, as the app makes them.
    if (start >= end || /[\udc00-\udfff]/.test(whole[start]!) || /[\udc00-\udfff]/.test(whole[end] ?? '')) return [];
    return [{ ...s, start, end, text: whole.slice(start, end), comment: text() }];
  });
  const kept = new Set(segments.map((s) => s.guid));
  // One segment per coder, document and range (two may now coincide after clamping).
  const seen = new Set<string>();
  const unique = segments.filter((s) => {
    const key = `${s.documentGuid} ${s.coderGuid} ${s.start} ${s.end}`;
    return !seen.has(key) && seen.add(key);
  });
  const live = new Set(unique.map((s) => s.guid));
  return {
    ...base,
    project: { ...base.project, name: tagged(h.project, 'p'), citationTemplate: `{document}, ${h.variables.map((x) => `{${x}}`).join(' ')}` },
    coders: base.coders.map((c) => ({ ...c, name: name() })),
    codes: base.codes.map((c) => ({ ...c, name: name(), definition: text() })),
    documents,
    texts: texts.map((x) => ({ ...x, turns: detectTurns(x.text) })),
    segments: unique,
    codings: base.codings.filter((c) => kept.has(c.segmentGuid) && live.has(c.segmentGuid)),
    variables,
    // A bundle writes a group's members in GUID order.
    groups: base.groups.map((g) => ({ ...g, name: name(), description: text(), documentGuids: [...g.documentGuids].sort() })),
    memos: base.memos.filter((m) => m.targetKind !== 'segment' || live.has(m.targetGuid ?? '')).map((m) => ({ ...m, title: name(), text: text() })),
    themes: base.themes.map((x) => ({ ...x, name: name(), definition: text(), scopeNote: text() })),
  };
}

const hostileProject = fc.tuple(projectData, hostility).map(([base, h]) => makeHostile(base, h));

/** The project with each document's SHA-256 of its text, as a bundle checks it. */
async function withHashes(data: ProjectData): Promise<ProjectData> {
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t.text]));
  return { ...data, documents: await Promise.all(data.documents.map(async (d) => ({ ...d, sha256: await sha256Hex(texts.get(d.guid) ?? '') }))) };
}

const SERIALIZE = { kind: 'full', appVersion: 'test', exportedBy: { guid: '0f000000-0000-4000-8000-000000000000', name: 'Test' }, exportedAt: '2026-11-23T09:00:00.000Z' } as const;

/** Every list holds the same records (in any order), every name-keyed record the same entries. */
function expectSameProject(actual: ProjectData, expected: ProjectData): void {
  const key = (r: object): string => ('guid' in r ? String(r.guid) : String((r as { documentGuid: string }).documentGuid));
  const inOrder = <T extends object>(list: readonly T[]): T[] => [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  expect(actual.project).toEqual(expected.project);
  for (const name of Object.keys(expected) as (keyof ProjectData)[]) {
    if (name !== 'project') expect(inOrder(actual[name] as object[]), name).toEqual(inOrder(expected[name] as object[]));
  }
  for (const [i, d] of inOrder(expected.documents).entries()) {
    const a = inOrder(actual.documents)[i]!;
    // A bundle writes keys in code-unit order.
    const entries = (r: object) => Object.entries(r).sort(([x], [y]) => (x < y ? -1 : 1));
    expect(entries(a.variables)).toEqual(entries(d.variables));
    expect(entries(a.speakerMap)).toEqual(entries(d.speakerMap));
  }
}

/** Values that are no values: what reading an Object.prototype member as data gives. */
const NOT_A_VALUE = /function Object\(\)|function toString\(\)|\[native code\]|\[object Object\]/;

/** Throws when `value` holds a function, or a text made from one. */
function expectOnlyData(value: unknown, where: string): void {
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'function') throw new Error(`${where}: a function at ${path}`);
    if (typeof v === 'string' && NOT_A_VALUE.test(v)) throw new Error(`${where}: "${v.slice(0, 80)}" at ${path}`);
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}.get(${String(k)})`);
    else if (v instanceof Set) for (const x of v) walk(x, `${path}[*]`);
    else for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, '');
}

/** Runs every analysis on `data`; each result holds data only, and every count is a number. */
function analyseEverything(data: ProjectData): void {
  const names = variableList(data.project.guid, data.variables, data.documents);
  const out: Record<string, unknown> = {};
  out.variables = names.map((v) => ({ v, values: variableValues(v, data.documents), each: data.documents.map((d) => documentValue(d, v.name)) }));
  const columns: MatrixColumns[] = [{ kind: 'documents' }, { kind: 'groups' }, ...names.map((v) => ({ kind: 'variable' as const, name: v.name }))];
  const firstCode = data.codes[0]!.guid;
  for (const [i, c] of columns.entries()) {
    for (const count of [(['segments', 'documents', 'words'] as const)[i % 3]!]) {
      const m = computeMatrix(data, { columns: c, count, filter: NO_FILTER });
      for (const row of m.rows) {
        expect(Object.keys(row.cells).sort()).toEqual(m.columns.map((x) => x.key).sort());
        for (const x of [...Object.values(row.cells), ...Object.values(row.own), row.total]) expect(typeof x).toBe('number');
      }
      out[`matrix${i}${count}`] = m;
    }
    const q = quotationMatrix(data, { columns: c, filter: NO_FILTER });
    out[`quotations${i}`] = q;
    out[`quotationsHtml${i}`] = quotationMatrixHtml(q, { title: 'T', subtitle: [], code: 'Code', lang: 'en' });
    out[`cell${i}`] = cellSegments(data, { columns: c, filter: NO_FILTER }, firstCode, (q.columns[0]?.key ?? ''));
  }
  for (const v of [undefined, ...names.map((x) => x.name)]) {
    const m = computeCooccurrence(data, { filter: NO_FILTER, ...(v === undefined ? {} : { splitBy: v }) });
    for (const s of m.splits) for (const row of Object.values(m.counts[s.key] ?? {})) for (const x of Object.values(row)) expect(typeof x).toBe('number');
    out[`cooccurrence${v ?? ''}`] = m;
    out[`cooccurrenceCell${v ?? ''}`] = cooccurrenceSegments(data, { filter: NO_FILTER, ...(v === undefined ? {} : { splitBy: v }) }, firstCode, data.codes[1]?.guid ?? firstCode, m.splits[0]?.key ?? '');
    if (v !== undefined) {
      const values = [...variableValues({ name: v, type: 'text' }, data.documents), ''];
      out[`filtered${v}`] = values.map((x) => filteredDocuments(data, { ...NO_FILTER, variables: [{ name: v, values: [x] }] }));
      // Every document is in exactly one of the variable's columns.
      expect(values.reduce((sum, x) => sum + filteredDocuments(data, { ...NO_FILTER, variables: [{ name: v, values: [x] }] }).length, 0)).toBe(data.documents.length);
    }
  }
  out.query = runQuery(data, { op: 'or', args: data.codes.map((c) => ({ op: 'code' as const, codeGuid: c.guid, withDescendants: true })) }, NO_FILTER);
  out.citations = data.documents.map((d) => citation(data.project.citationTemplate, d, names.map((v) => v.name)));
  out.search = searchDocuments(data.texts, 'constructor', { mode: 'plain' });
  const scoped = data.documents.map((d) => scopeDocument(d, data.texts.find((x) => x.documentGuid === d.guid)!));
  out.speakers = speakerCounts(scoped);
  out.retrieved = retrieveSegments({ codeGuids: new Set(data.codes.map((c) => c.guid)), codings: data.codings, segments: data.segments, docs: data.documents, texts: data.texts, coders: data.coders, codes: data.codes });
  out.codebook = codebookRows(data);
  out.tree = flattenTree(data.codes);
  out.themes = themeReport(data);
  for (const theme of data.themes) {
    const segments = themeSegments(data, theme, NO_FILTER);
    out[`theme${theme.guid}`] = names.map((v) => contributionsByVariable(segments, v.name));
  }
  expectOnlyData(out, 'analysis');
}

/** A field of the project that XML would change, as the loss list names it. */
function unwritable(data: ProjectData): string[] {
  const fields: string[] = [];
  const check = (field: string, kind: string, value: string) => {
    if (value.search(NOT_XML) !== -1) fields.push(`the ${field} of ${kind}`);
  };
  check('name', 'the project', data.project.name);
  for (const c of data.coders) check('name', 'coder', c.name);
  for (const d of data.documents) check('name', 'document', d.name);
  for (const c of data.codes) {
    check('name', 'code', c.name);
    check('definition', 'code', c.definition);
  }
  for (const s of data.segments) check('comment', 'the segment', s.comment);
  for (const v of variableList(data.project.guid, data.variables, data.documents)) check('name', 'variable', v.name);
  for (const d of data.documents) for (const [k, value] of Object.entries(d.variables)) check(`value of variable “${k.replace(NOT_XML, '')}”`, 'document', value);
  for (const g of data.groups) {
    check('name', 'document group', g.name);
    check('description', 'document group', g.description);
  }
  for (const m of data.memos) check('title', 'memo', m.title);
  for (const t of data.themes) {
    check('name', 'theme', t.name);
    check('definition', 'theme', t.definition);
    check('scope note', 'theme', t.scopeNote);
  }
  return fields;
}

/**
 * Names as a .qdpx gives them back: what XML cannot hold dropped (and a name that starts or ends
 * with a dropped character may also lose the space next to it).
 */
function namesOf(data: ProjectData) {
  const c = (s: string): string => asXmlReadsIt(s).trim();
  return {
    project: c(data.project.name),
    coders: data.coders.map((x) => [x.guid, c(x.name)]).sort(),
    documents: data.documents.map((d) => [d.guid, c(d.name), Object.entries(d.variables).map(([k, v]) => [c(k), c(v)]).sort()]).sort(),
    codes: data.codes.map((x) => [x.guid, c(x.name), c(x.definition)]).sort(),
    comments: data.segments.map((s) => [s.guid, c(s.comment)]).sort(),
    groups: data.groups.map((g) => [g.guid, c(g.name), c(g.description)]).sort(),
    variables: data.variables.map((v) => c(v.name)).sort(),
  };
}

describe('hostile names and texts', () => {
  it('go through a bundle unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(hostileProject, async (generated) => {
        const data = await withHashes(generated);
        const bytes = await serializeBundle(data, SERIALIZE);
        const back = await parseBundle(bytes);
        if (!back.ok) throw new Error(`${back.reason}: ${back.detail ?? ''}`);
        expectSameProject(back.value.data, data);
        analyseEverything(back.value.data);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('go through a .qdpx with every character it cannot hold listed', async () => {
    await fc.assert(
      fc.asyncProperty(hostileProject, async (data) => {
        const { bytes, lost } = await exportQdpx(data, { positions: 'codepoints', now: '2026-11-23T09:00:00.000Z' });
        for (const field of unwritable(data)) expect(lost.some((l) => l.startsWith(field)), `${field} is listed in ${JSON.stringify(lost)}`).toBe(true);
        const back = await importRefi('hostile.qdpx', bytes);
        if (!back.ok) throw new Error(`${back.reason}: ${back.detail ?? ''}`);
        // Everything but what is listed comes back.
        expect(back.value.report.discarded).toEqual([]);
        expect(namesOf(back.value.data)).toEqual(namesOf(data));
        analyseEverything(back.value.data);
      }),
      { numRuns: Math.max(1, Math.round(RUNS / 4)) },
    );
  }, 600_000);
});
