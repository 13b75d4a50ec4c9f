/**
 * Code matrices: codes (rows, in code-tree order) against documents, document groups or the values
 * of a variable (columns); a code x code co-occurrence table; and the quotation (within-case)
 * matrix with the coded texts in the cells.
 *
 * Counting rules (pinned by matrix.test.ts):
 * - What counts: a coding counts when its code exists, its segment exists, and both the segment's
 *   document and the coder of the segment and of the coding pass the filter (see filter.ts).
 *   When several coders coded the same passage, each coder's segment is a segment of its own.
 * - Roll-up: a row counts the segments coded with the code itself or with any code below it.
 *   A segment coded with a parent and its child, or with two children, counts once in the parent's
 *   row. `own` holds the same counts for the code alone, without its descendants.
 * - `segments`: the number of distinct segments.
 *   `documents`: the number of distinct documents with at least one such segment ("n of N", with
 *   N the column's `documents`, the number of filtered documents in that column).
 *   `words`: per document, the words (see words.ts) with at least one character inside the union
 *   of those segments' ranges: overlapping segments do not count a word twice. A column sums its
 *   documents.
 * - Columns: `documents`: one per filtered document (key: its GUID), in document order.
 *   `groups`: one per document group (key: its GUID), in group order; a document in several groups
 *   counts in each. `variable`: one per distinct value among the filtered documents (key: the
 *   stored value), sorted by the variable's type, plus a column "(no value)" with key '' only when
 *   some filtered document has no value.
 * - Co-occurrence of codes a and b (a != b): the number of ordered pairs (segment s coded a,
 *   segment t coded b) in the same document whose ranges share at least one character; s and t
 *   may be the same segment (a segment coded with both a and b counts 1). The table is symmetric.
 *   The diagonal (a, a) is the number of segments coded a. With roll-up, "coded a" includes the
 *   codes below a (each segment still counts once).
 */
import { flattenTree } from '../codebook';
import type { Code, Coding, DocumentRecord, DocumentText, Guid, Segment } from '../model';
import type { ProjectData } from '../project-data';
import { emptyRecord, ownValue } from '../records';
import { compareValues, documentValue, variableList } from '../variables';
import { coderPasses, filteredDocuments, type AnalysisFilter } from './filter';
import { cachedWordSpans, wordSpans, wordsCovered } from './words';
import { citation } from './citation';

export type MatrixColumns = { kind: 'documents' } | { kind: 'groups' } | { kind: 'variable'; name: string };
export type MatrixCount = 'segments' | 'documents' | 'words';

/** Label of the column of documents without a value for the variable (key ''). */
export const NO_VALUE_LABEL = '(no value)';

export interface MatrixColumn {
  readonly key: string;
  readonly label: string;
  /** The number of filtered documents in the column (the N of "n of N"). */
  readonly documents: number;
}

export interface MatrixRow {
  readonly codeGuid: Guid;
  readonly name: string;
  readonly parentGuid: Guid | null;
  readonly depth: number;
  /** Whether the code has codes below it. */
  readonly hasChildren: boolean;
  /** Counts with the code's descendants rolled up, one per column key. */
  readonly cells: Record<string, number>;
  /** Counts of the code alone, without descendants. */
  readonly own: Record<string, number>;
  /** Count over all filtered documents (not the sum of group columns, which may overlap). */
  readonly total: number;
}

export interface Matrix {
  readonly columns: MatrixColumn[];
  /** Code-tree order: parents before their children, siblings by order. */
  readonly rows: MatrixRow[];
  /** The number of filtered documents. */
  readonly documents: number;
}

export interface MatrixOptions {
  readonly columns: MatrixColumns;
  readonly count: MatrixCount;
  readonly filter: AnalysisFilter;
}

/** A request that cannot be answered, e.g. a variable that the project does not have. */
export class MatrixError extends Error {
  constructor(
    readonly reason: 'unknown-variable',
    readonly subject: string,
  ) {
    super(`unknown variable "${subject}"`);
    this.name = 'MatrixError';
  }
}

interface Prepared {
  readonly documents: DocumentRecord[];
  readonly tree: { code: Code; depth: number; hasChildren: boolean }[];
  /**
   * Passing segments with their direct (passing) codes, each code once, in document order then by
   * range. Made when first asked for: the count matrices (the Matrices tab's first view) need only
   * `perCode`.
   */
  coded(): readonly { segment: Segment; codes: readonly Guid[] }[];
  /** Per code: the code and its ancestors. */
  readonly upward: Map<Guid, Guid[]>;
  readonly texts: Map<Guid, DocumentText>;
  /** Per code, per document: its segments there (in no set order), with those of the codes below it (`rolled`) and without (`own`). */
  readonly perCode: PerCode;
}

type PerCode = { readonly rolled: Map<Guid, Map<Guid, Segment[]>>; readonly own: Map<Guid, Map<Guid, Segment[]>> };

/**
 * The last preparation per project snapshot and filter: switching what a matrix counts (segments,
 * documents, words) or how its columns go keeps the same passing segments and codes, and a
 * snapshot is never changed in place (storage/project-snapshot.ts replaces what changes). A
 * preparation begun ahead (`prepareMatrixAhead`) is kept here with the steps it has left.
 */
const prepared = new WeakMap<ProjectData, { key: string; value: Prepared | null; steps: Generator<void, Prepared> | null }>();

function prepare(data: ProjectData, filter: AnalysisFilter): Prepared {
  const key = JSON.stringify(filter);
  const last = prepared.get(data);
  if (last && last.key === key) {
    if (last.value) return last.value;
    // Begun ahead: its remaining steps now, at once.
    if (last.steps) return finish(last) as Prepared;
  }
  const entry = { key, value: null, steps: preparing(data, filter) };
  prepared.set(data, entry);
  // Every step, one after the other: `finish` stops only when told to.
  return finish(entry) as Prepared;
}

/** Runs a preparation's remaining steps (`more`: whether to go on with the next) and keeps what it gives. */
function finish(entry: { value: Prepared | null; steps: Generator<void, Prepared> | null }, more: () => boolean = () => true): Prepared | null {
  const steps = entry.steps;
  if (!steps) return entry.value;
  for (;;) {
    let next: IteratorResult<void, Prepared>;
    try {
      next = steps.next();
    } catch (e) {
      // A preparation that failed is not kept: asked for again, it runs anew (and fails there).
      entry.steps = null;
      throw e;
    }
    if (next.done) {
      entry.value = next.value;
      entry.steps = null;
      return next.value;
    }
    if (!more()) return null;
  }
}

/**
 * Prepares the matrices of `data` under `filter` ahead of need, in slices: each call of `step`
 * works while `more()` says so (a browser's idle time) and returns whether the preparation is done.
 * A matrix asked for meanwhile finishes it at once. Nothing is begun when `data` has a preparation
 * already (under any filter).
 */
export function prepareMatrixAhead(data: ProjectData, filter: AnalysisFilter): { step(more: () => boolean): boolean } {
  let entry = prepared.get(data);
  if (!entry) prepared.set(data, (entry = { key: JSON.stringify(filter), value: null, steps: preparing(data, filter) }));
  const own = entry;
  // Done when prepared, when it failed (the tab prepares it again when opened, and says why), or
  // when a matrix under another filter has taken its place.
  return { step: (more) => own.steps === null || prepared.get(data) !== own || finish(own, more) !== null };
}

/** Segments handled between two points where a preparation ahead may pause. */
const SLICE = 2000;

/** The preparation, in steps: it may pause at each `yield` (after a slice of segments or codings). */
function* preparing(data: ProjectData, filter: AnalysisFilter): Generator<void, Prepared> {
  // Which segments and codings pass the filter is decided below, as they are grouped (see filteredWork).
  const documents = filteredDocuments(data, filter);
  yield;
  const rows = flattenTree(data.codes);
  const known = new Map(data.codes.map((c) => [c.guid, c]));
  const parents = new Set(data.codes.map((c) => c.parentGuid).filter((g): g is Guid => g !== null && known.has(g)));
  const tree = rows.map((r) => ({ code: r.code, depth: r.depth, hasChildren: parents.has(r.code.guid) }));
  const upward = new Map<Guid, Guid[]>();
  for (const code of data.codes) {
    const chain: Guid[] = [code.guid];
    const seen = new Set(chain);
    for (let p = code.parentGuid; p !== null && known.has(p) && !seen.has(p); p = known.get(p)?.parentGuid ?? null) {
      chain.push(p);
      seen.add(p);
    }
    upward.set(code.guid, chain);
  }
  // Hundreds of thousands of segments (W3): codes by number, segments by position, and each
  // document's segments looked up in a table of its own. One table of every segment's GUID cost
  // two-thirds of the preparation on W3: a lookup in a table that large mostly waits for memory.
  const codeGuids = [...known.keys()];
  const codeNo = new Map(codeGuids.map((g, n) => [g, n]));
  const chains = codeGuids.map((g) => (upward.get(g) ?? [g]).map((a) => codeNo.get(a) as number));
  const docNo = new Map(documents.map((d, n) => [d.guid, n]));
  const segments = data.segments;
  const inDocument: number[][] = documents.map(() => []);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as Segment;
    const n = docNo.get(s.documentGuid);
    if (n !== undefined && coderPasses(filter, s.coderGuid)) (inDocument[n] as number[]).push(i);
    if (i % SLICE === SLICE - 1) yield;
  }
  const local: Map<Guid, number>[] = inDocument.map((list) => new Map(list.map((i) => [(segments[i] as Segment).guid, i])));
  yield;
  // A coding filed under another document than its segment's (damaged data) still finds it.
  let anywhere: Map<Guid, number> | null = null;
  // Each segment's codes by number, each once: the first (-1: none), and the others of the few with more.
  const firstCode = new Int32Array(segments.length).fill(-1);
  const otherCodes = new Map<number, number[]>();
  const addCode = (i: number, code: number) => {
    const first = firstCode[i];
    if (first === -1) firstCode[i] = code;
    else if (first !== code) {
      const others = otherCodes.get(i);
      if (!others) otherCodes.set(i, [code]);
      else if (!others.includes(code)) others.push(code);
    }
  };
  const codings = data.codings;
  for (let k = 0; k < codings.length; k++) {
    const c = codings[k] as Coding;
    const n = docNo.get(c.documentGuid);
    const code = codeNo.get(c.codeGuid);
    if (n !== undefined && code !== undefined && coderPasses(filter, c.coderGuid)) {
      const i = (local[n] as Map<Guid, number>).get(c.segmentGuid) ?? (anywhere ??= new Map(inDocument.flat().map((j) => [(segments[j] as Segment).guid, j]))).get(c.segmentGuid);
      if (i !== undefined) addCode(i, code);
    }
    if (k % SLICE === SLICE - 1) yield;
  }
  // Grouped per code and document as they come (on W2 the grouping was two-thirds of the counting
  // that was left for the click on the Matrices tab after the rest was prepared ahead), each
  // document's segments in the order of the project's list: the counts do not depend on it.
  // Positions of each document's coded segments.
  const codedIn: number[][] = [];
  const perCode: PerCode = { rolled: new Map(), own: new Map() };
  // This document's segments per code number, and the codes that have some.
  const own: (Segment[] | undefined)[] = new Array<Segment[] | undefined>(codeGuids.length);
  const rolled: (Segment[] | undefined)[] = new Array<Segment[] | undefined>(codeGuids.length);
  const touched: number[] = [];
  // A segment counts once for each code it is credited to: its codes and the codes above them.
  const credited = new Int32Array(codeGuids.length).fill(-1);
  let stamp = 0;
  const credit = (c: number, segment: Segment) => {
    const mine = own[c];
    if (mine) mine.push(segment);
    else {
      own[c] = [segment];
      if (!rolled[c]) touched.push(c);
    }
    for (const g of chains[c] as number[]) {
      if (credited[g] === stamp) continue;
      credited[g] = stamp;
      const above = rolled[g];
      if (above) above.push(segment);
      else {
        rolled[g] = [segment];
        if (!own[g]) touched.push(g);
      }
    }
  };
  const keep = (into: Map<Guid, Map<Guid, Segment[]>>, code: Guid, docGuid: Guid, list: Segment[]) => {
    let perDoc = into.get(code);
    if (!perDoc) into.set(code, (perDoc = new Map()));
    perDoc.set(docGuid, list);
  };
  let done = 0;
  for (let n = 0; n < documents.length; n++) {
    const order = (inDocument[n] as number[]).filter((i) => firstCode[i] !== -1);
    codedIn.push(order);
    for (const i of order) {
      const segment = segments[i] as Segment;
      stamp++;
      credit(firstCode[i] as number, segment);
      const others = otherCodes.get(i);
      if (others) for (const c of others) credit(c, segment);
    }
    const docGuid = (documents[n] as DocumentRecord).guid;
    for (const c of touched) {
      const guid = codeGuids[c] as Guid;
      const mine = own[c];
      const above = rolled[c];
      if (mine) keep(perCode.own, guid, docGuid, mine);
      if (above) keep(perCode.rolled, guid, docGuid, above);
      own[c] = undefined;
      rolled[c] = undefined;
    }
    touched.length = 0;
    done += order.length;
    if (done >= SLICE) {
      done = 0;
      yield;
    }
  }
  // In document order, then by start, end and GUID: each document's coded segments sorted apart.
  let coded: ReturnType<Prepared['coded']> | null = null;
  const makeCoded = () => {
    if (coded) return coded;
    const byRange = (x: number, y: number) => {
      const a = segments[x] as Segment;
      const b = segments[y] as Segment;
      return a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0);
    };
    coded = codedIn.flatMap((order) => [...order].sort(byRange).map((i) => ({ segment: segments[i] as Segment, codes: [firstCode[i] as number, ...(otherCodes.get(i) ?? [])].map((c) => codeGuids[c] as Guid) })));
    return coded;
  };
  return { documents, tree, coded: makeCoded, upward, texts: new Map(data.texts.map((t) => [t.documentGuid, t])), perCode };
}

/** The codes a segment counts for: its codes, with their ancestors when rolling up. */
function creditedCodes(p: Prepared, codes: readonly Guid[], rollUp: boolean): Set<Guid> {
  if (!rollUp) return new Set(codes);
  const out = new Set<Guid>();
  for (const c of codes) for (const g of p.upward.get(c) ?? [c]) out.add(g);
  return out;
}

interface ColumnLayout {
  readonly columns: MatrixColumn[];
  /** Column keys per document GUID. */
  readonly of: Map<Guid, string[]>;
}

function layoutColumns(data: ProjectData, documents: readonly DocumentRecord[], spec: MatrixColumns): ColumnLayout {
  const of = new Map<Guid, string[]>(documents.map((d) => [d.guid, []]));
  const add = (docGuid: Guid, key: string) => of.get(docGuid)?.push(key);
  if (spec.kind === 'documents') {
    for (const d of documents) add(d.guid, d.guid);
    return { columns: documents.map((d) => ({ key: d.guid, label: d.name, documents: 1 })), of };
  }
  if (spec.kind === 'groups') {
    const groups = [...data.groups].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    const columns = groups.map((g) => {
      const members = new Set(g.documentGuids);
      let n = 0;
      for (const d of documents) {
        if (!members.has(d.guid)) continue;
        add(d.guid, g.guid);
        n++;
      }
      return { key: g.guid, label: g.name, documents: n };
    });
    return { columns, of };
  }
  const definition = variableList(data.project.guid, data.variables, data.documents).find((v) => v.name === spec.name);
  if (!definition) throw new MatrixError('unknown-variable', spec.name);
  const counts = new Map<string, number>();
  for (const d of documents) {
    const value = documentValue(d, definition.name);
    add(d.guid, value);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const values = [...counts.keys()].filter((v) => v !== '').sort((a, b) => compareValues(definition.type, a, b));
  if (counts.has('')) values.push('');
  return { columns: values.map((v) => ({ key: v, label: v === '' ? NO_VALUE_LABEL : v, documents: counts.get(v) ?? 0 })), of };
}

/** The count of one code in one document, from its segments there. */
function countIn(p: Prepared, count: MatrixCount, docGuid: Guid, segments: readonly Segment[]): number {
  if (segments.length === 0) return 0;
  if (count === 'segments') return segments.length;
  if (count === 'documents') return 1;
  const stored = p.texts.get(docGuid);
  if (stored) return wordsCovered(cachedWordSpans(stored, stored.text), segments);
  // No stored text (damaged data): each segment's own copy of its text.
  return segments.reduce((sum, s) => sum + wordSpans(s.text).length / 2, 0);
}

/** The code x column matrix; throws MatrixError for a variable the project does not have. */
export function computeMatrix(data: ProjectData, options: MatrixOptions): Matrix {
  const p = prepare(data, options.filter);
  const layout = layoutColumns(data, p.documents, options.columns);
  const { rolled, own } = p.perCode;
  const cellsOf = (perDoc: Map<Guid, Segment[]> | undefined): { cells: Record<string, number>; total: number } => {
    const cells = emptyRecord<number>();
    for (const column of layout.columns) cells[column.key] = 0;
    let total = 0;
    for (const [docGuid, segments] of perDoc ?? []) {
      const n = countIn(p, options.count, docGuid, segments);
      total += n;
      for (const key of layout.of.get(docGuid) ?? []) cells[key] = (cells[key] ?? 0) + n;
    }
    return { cells, total };
  };
  const rows = p.tree.map(({ code, depth, hasChildren }): MatrixRow => {
    const r = cellsOf(rolled.get(code.guid));
    return { codeGuid: code.guid, name: code.name, parentGuid: code.parentGuid, depth, hasChildren, cells: r.cells, own: cellsOf(own.get(code.guid)).cells, total: r.total };
  });
  return { columns: layout.columns, rows, documents: p.documents.length };
}

/** The segments behind a cell (the code with its descendants), in document order, each once. */
export function cellSegments(data: ProjectData, options: Pick<MatrixOptions, 'columns' | 'filter'>, codeGuid: Guid, columnKey: string): Segment[] {
  const p = prepare(data, options.filter);
  const layout = layoutColumns(data, p.documents, options.columns);
  return p
    .coded()
    .filter(({ segment, codes }) => (layout.of.get(segment.documentGuid) ?? []).includes(columnKey) && creditedCodes(p, codes, true).has(codeGuid))
    .map((x) => x.segment);
}

export interface CooccurrenceMatrix {
  readonly codes: { codeGuid: Guid; name: string; depth: number; parentGuid: Guid | null }[];
  /** One table per split key; a single table with key '' when not split. */
  readonly splits: { key: string; label: string; documents: number }[];
  /** counts[split][codeA][codeB]; an absent entry is 0 (see cooccurrenceAt). */
  readonly counts: Record<string, Record<Guid, Record<Guid, number>>>;
}

export interface CooccurrenceOptions {
  readonly filter: AnalysisFilter;
  /** A variable's name: one table per value (and '' for documents without a value). */
  readonly splitBy?: string;
  /** Count a segment for the codes above its codes as well; default true. */
  readonly rollUp?: boolean;
  /**
   * Count overlaps of segments of different coders too. By default only one coder's own segments
   * co-occur: Anna's code beside Bram's on the same passage says how two people coded it, not how
   * two codes go together (after a merge every passage would count once per pair of coders).
   */
  readonly acrossCoders?: boolean;
}

/** A cell of a co-occurrence table (0 when absent). */
export function cooccurrenceAt(m: CooccurrenceMatrix, splitKey: string, a: Guid, b: Guid): number {
  return ownValue(m.counts, splitKey)?.[a]?.[b] ?? 0;
}

/** Code x code co-occurrence; throws MatrixError for a variable the project does not have. */
export function computeCooccurrence(data: ProjectData, options: CooccurrenceOptions): CooccurrenceMatrix {
  const p = prepare(data, options.filter);
  const rollUp = options.rollUp ?? true;
  const acrossCoders = options.acrossCoders ?? false;
  const codes = p.tree.map(({ code, depth }) => ({ codeGuid: code.guid, name: code.name, depth, parentGuid: code.parentGuid }));
  let splits: { key: string; label: string; documents: number }[];
  let splitOf: Map<Guid, string[]>;
  if (options.splitBy === undefined) {
    splits = [{ key: '', label: '', documents: p.documents.length }];
    splitOf = new Map(p.documents.map((d) => [d.guid, ['']]));
  } else {
    const layout = layoutColumns(data, p.documents, { kind: 'variable', name: options.splitBy });
    splits = layout.columns.map((c) => ({ key: c.key, label: c.label, documents: c.documents }));
    splitOf = layout.of;
  }
  // Keyed by the variable's values, which users typed: records without a prototype.
  const counts = emptyRecord<Record<Guid, Record<Guid, number>>>();
  for (const s of splits) counts[s.key] = emptyRecord();
  const bump = (table: Record<Guid, Record<Guid, number>>, a: Guid, b: Guid) => {
    const row = (table[a] ??= emptyRecord());
    row[b] = (row[b] ?? 0) + 1;
  };
  // Segments are in document order then start: walk each document's segments once.
  const byDoc = new Map<Guid, { segment: Segment; credited: Set<Guid> }[]>();
  for (const { segment, codes: direct } of p.coded()) {
    const list = byDoc.get(segment.documentGuid) ?? [];
    list.push({ segment, credited: creditedCodes(p, direct, rollUp) });
    byDoc.set(segment.documentGuid, list);
  }
  for (const [docGuid, list] of byDoc) {
    for (const key of splitOf.get(docGuid) ?? []) {
      const table = counts[key];
      if (!table) continue;
      for (let i = 0; i < list.length; i++) {
        const s = list[i] as (typeof list)[number];
        for (const a of s.credited) bump(table, a, a);
        // the segment with itself: every pair of its own codes
        for (const a of s.credited) for (const b of s.credited) if (a !== b) bump(table, a, b);
        for (let j = i + 1; j < list.length; j++) {
          const t = list[j] as (typeof list)[number];
          if (t.segment.start >= s.segment.end) break; // sorted by start: no later segment overlaps s
          if (t.segment.end <= t.segment.start || s.segment.end <= s.segment.start) continue;
          if (!acrossCoders && t.segment.coderGuid !== s.segment.coderGuid) continue;
          for (const a of s.credited)
            for (const b of t.credited) {
              if (a === b) continue;
              bump(table, a, b);
              bump(table, b, a);
            }
        }
      }
    }
  }
  return { codes, splits, counts };
}

export interface Quotation {
  readonly segmentGuid: Guid;
  readonly documentGuid: Guid;
  readonly documentName: string;
  readonly coderGuid: Guid;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The project's citation for the document (citation.ts). */
  readonly citation: string;
}

export interface QuotationMatrix {
  readonly columns: MatrixColumn[];
  readonly rows: { codeGuid: Guid; name: string; depth: number; parentGuid: Guid | null; cells: Record<string, Quotation[]> }[];
}


/**
 * The within-case matrix: the segments of each code in each column, in document order. By
 * default a cell holds the code's own segments only (its children have rows of their own);
 * rollUp puts the descendants' segments in as well.
 */
export function quotationMatrix(data: ProjectData, options: Pick<MatrixOptions, 'columns' | 'filter'> & { rollUp?: boolean }): QuotationMatrix {
  const p = prepare(data, options.filter);
  const layout = layoutColumns(data, p.documents, options.columns);
  const docs = new Map(p.documents.map((d) => [d.guid, d]));
  const variableNames = data.variables.map((v) => v.name);
  const rows = p.tree.map(({ code, depth }) => {
    const cells = emptyRecord<Quotation[]>();
    for (const c of layout.columns) cells[c.key] = [];
    return { codeGuid: code.guid, name: code.name, depth, parentGuid: code.parentGuid, cells };
  });
  const rowOf = new Map(rows.map((r) => [r.codeGuid, r]));
  for (const { segment, codes } of p.coded()) {
    const doc = docs.get(segment.documentGuid);
    if (!doc) continue;
    const q: Quotation = {
      segmentGuid: segment.guid,
      documentGuid: segment.documentGuid,
      documentName: doc.name,
      coderGuid: segment.coderGuid,
      start: segment.start,
      end: segment.end,
      text: segment.text,
      citation: citation(data.project.citationTemplate, doc, variableNames),
    };
    for (const code of creditedCodes(p, codes, options.rollUp ?? false)) {
      const row = rowOf.get(code);
      if (!row) continue;
      for (const key of layout.of.get(segment.documentGuid) ?? []) row.cells[key]?.push(q);
    }
  }
  return { columns: layout.columns, rows };
}

/**
 * The segments behind a co-occurrence cell, in document order, each once: those coded a that
 * overlap a segment coded b, and those coded b that overlap a segment coded a (a segment coded
 * with both is one of them). On the diagonal: the segments coded a.
 */
export function cooccurrenceSegments(data: ProjectData, options: CooccurrenceOptions, a: Guid, b: Guid, splitKey = ''): Segment[] {
  const p = prepare(data, options.filter);
  const rollUp = options.rollUp ?? true;
  let inSplit: (docGuid: Guid) => boolean = () => true;
  if (options.splitBy !== undefined) {
    const layout = layoutColumns(data, p.documents, { kind: 'variable', name: options.splitBy });
    inSplit = (docGuid) => (layout.of.get(docGuid) ?? []).includes(splitKey);
  }
  const list = p.coded().filter((x) => inSplit(x.segment.documentGuid)).map((x) => ({ segment: x.segment, credited: creditedCodes(p, x.codes, rollUp) }));
  if (a === b) return list.filter((x) => x.credited.has(a)).map((x) => x.segment);
  const chosen = new Set<Segment>();
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as (typeof list)[number];
    if (s.credited.has(a) && s.credited.has(b)) chosen.add(s.segment);
    for (let j = i + 1; j < list.length; j++) {
      const t = list[j] as (typeof list)[number];
      if (t.segment.documentGuid !== s.segment.documentGuid || t.segment.start >= s.segment.end) break;
      if (t.segment.end <= t.segment.start || s.segment.end <= s.segment.start) continue;
      if (!(options.acrossCoders ?? false) && t.segment.coderGuid !== s.segment.coderGuid) continue;
      if ((s.credited.has(a) && t.credited.has(b)) || (s.credited.has(b) && t.credited.has(a))) {
        chosen.add(s.segment);
        chosen.add(t.segment);
      }
    }
  }
  return list.filter((x) => chosen.has(x.segment)).map((x) => x.segment);
}
