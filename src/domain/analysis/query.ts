/**
 * Boolean code queries: which coded text do several codes share, which lacks one, which touches
 * another (ATLAS.ti's and MAXQDA's code co-occurrence and Boolean retrieval, on character ranges).
 * Offsets are UTF-16 code units, end exclusive; "overlap" means sharing at least one code unit.
 *
 * Every expression denotes, per document, a list of hits; a hit is a range [start, end) with the
 * segments it comes from. Only segments and codings that pass the AnalysisFilter take part
 * (documents by chosen documents, groups and variables; segments and codings by coder).
 *
 * - `code c`: one hit per segment coded with c (or, with descendants, with c or a code below it);
 *   the hit is the segment's range. Kind "segment".
 * - `a OR b OR ...`: the hits of every argument, each listed once (a segment coded with a and b
 *   is one hit).
 * - `a AND b AND ...` (at least two arguments that are not NOT): the passages, i.e. the maximal
 *   ranges of text covered by a hit of every argument (the intersection of what each covers),
 *   each with every hit's segments that overlap it. Kind "passage". With the coder filter open,
 *   the hits may come from different coders.
 * - `NOT x` stands only inside an AND, which has at least one other argument: it removes the
 *   hits of the rest of the AND that overlap a hit of x. So `a AND NOT b` is the segments of a
 *   that share no character with a segment of b, and `a AND b AND NOT c` the passages of a and b
 *   that touch no c.
 * - `a OVERLAPS b`: the hits of a that overlap a hit of b, each keeping a's range, with the
 *   overlapping hits' segments added to its own.
 *
 * The result (`QueryHit`) says for each hit its document, range, text, the segments, which of the
 * query's codes they carry and their coders, in document order and then text order.
 */
import { ok, type Result } from '../assert';
import { descendantGuids, flattenTree } from '../codebook';
import type { Code, Guid } from '../model';
import type { ProjectData } from '../project-data';
import { intersectRanges, mergeRanges, segmentsInRange, type TextRange } from '../ranges';
import { filteredWork, type AnalysisFilter } from './filter';

export type QueryExpr =
  | { readonly op: 'code'; readonly codeGuid: Guid; readonly withDescendants: boolean }
  | { readonly op: 'and' | 'or'; readonly args: readonly QueryExpr[] }
  | { readonly op: 'not'; readonly arg: QueryExpr }
  | { readonly op: 'overlaps'; readonly a: QueryExpr; readonly b: QueryExpr };

/** What one result item is. */
export interface QueryHit {
  readonly documentGuid: Guid;
  /** UTF-16 code units, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** text.slice(start, end) of the document. */
  readonly text: string;
  /** "segment": a coded segment's own range; "passage": where the terms of an AND meet. */
  readonly kind: 'segment' | 'passage';
  /** The segments the hit comes from, in text order. */
  readonly segmentGuids: readonly Guid[];
  /** The query's codes (with descendants where asked) that those segments carry, in codebook order. */
  readonly codeGuids: readonly Guid[];
  /** The coders of those segments, each once. */
  readonly coderGuids: readonly Guid[];
}

export type QueryFailureReason = 'query-empty' | 'query-unknown-code' | 'query-misplaced-not';

export interface QueryFailure {
  readonly ok: false;
  readonly reason: QueryFailureReason;
  /** Where: a path into the expression such as "args[1].arg", and the code GUID if unknown. */
  readonly detail?: string;
}

/** Operators of a simple builder, applied left to right: ((t1 op t2) op t3) ... */
export type BuilderOperator = 'and' | 'or' | 'andNot' | 'overlaps';

/** `left op right`, as the builder combines a term with what comes before it. */
export function combine(left: QueryExpr, op: BuilderOperator, right: QueryExpr): QueryExpr {
  switch (op) {
    case 'and':
      return { op: 'and', args: [left, right] };
    case 'or':
      return { op: 'or', args: [left, right] };
    case 'andNot':
      return { op: 'and', args: [left, { op: 'not', arg: right }] };
    case 'overlaps':
      return { op: 'overlaps', a: left, b: right };
  }
}

/** Whether the expression can run: codes exist, no empty AND/OR, NOT only beside something else. */
export function validateQuery(expr: QueryExpr, codes: readonly Pick<Code, 'guid'>[]): Result<void, QueryFailureReason> {
  const known = new Set(codes.map((c) => c.guid));
  const check = (e: QueryExpr, path: string, insideAnd: boolean): QueryFailure | null => {
    switch (e.op) {
      case 'code':
        return known.has(e.codeGuid) ? null : { ok: false, reason: 'query-unknown-code', detail: `${path || 'query'}: ${e.codeGuid}` };
      case 'not':
        if (!insideAnd) return { ok: false, reason: 'query-misplaced-not', detail: path || 'query' };
        return check(e.arg, `${path}.arg`, false);
      case 'and':
      case 'or': {
        if (e.args.length === 0) return { ok: false, reason: 'query-empty', detail: path || 'query' };
        if (e.op === 'and' && e.args.every((a) => a.op === 'not')) return { ok: false, reason: 'query-misplaced-not', detail: path || 'query' };
        for (const [i, arg] of e.args.entries()) {
          const problem = check(arg, `${path}.args[${i}]`, e.op === 'and');
          if (problem) return problem;
        }
        return null;
      }
      case 'overlaps':
        return check(e.a, `${path}.a`, false) ?? check(e.b, `${path}.b`, false);
    }
  };
  return check(expr, '', false) ?? ok(undefined);
}

/** The words `describeQuery` writes; " (+)" marks a code taken with its descendants. */
export const DEFAULT_WORDS = { and: 'AND', or: 'OR', not: 'NOT', overlaps: 'OVERLAPS', withDescendants: ' (+)' };

/** The query as text, e.g. "(Laptop AND Ouders) OR Thuiswerk"; `name` gives a code's name. */
export function describeQuery(expr: QueryExpr, name: (codeGuid: Guid) => string, words = DEFAULT_WORDS): string {
  const inner = (e: QueryExpr, top: boolean): string => {
    const wrap = (s: string) => (top ? s : `(${s})`);
    switch (e.op) {
      case 'code':
        return e.withDescendants ? `${name(e.codeGuid)}${words.withDescendants}` : name(e.codeGuid);
      case 'not':
        return `${words.not} ${inner(e.arg, false)}`;
      case 'and':
      case 'or':
        return e.args.length === 1 ? inner(e.args[0] as QueryExpr, top) : wrap(e.args.map((a) => inner(a, false)).join(` ${words[e.op]} `));
      case 'overlaps':
        return wrap(`${inner(e.a, false)} ${words.overlaps} ${inner(e.b, false)}`);
    }
  };
  return inner(expr, true);
}

/** A hit while evaluating: a range and the segments it comes from. */
interface Hit extends TextRange {
  readonly kind: QueryHit['kind'];
  readonly segments: readonly Guid[];
}

/** Hits per document GUID. */
type Hits = Map<Guid, Hit[]>;

const byRange = (a: Hit, b: Hit) => a.start - b.start || a.end - b.end;

/**
 * Runs `expr` on the project under `filter`. Fails (never throws) when the expression cannot run,
 * saying where (see validateQuery).
 */
export function runQuery(
  data: Pick<ProjectData, 'documents' | 'groups' | 'segments' | 'codings' | 'codes' | 'texts'>,
  expr: QueryExpr,
  filter: AnalysisFilter,
): Result<QueryHit[], QueryFailureReason> {
  const valid = validateQuery(expr, data.codes);
  if (!valid.ok) return valid;
  const work = filteredWork(data, filter);
  const segments = new Map(work.segments.map((s) => [s.guid, s]));
  const codesOfSegment = new Map<Guid, Set<Guid>>();
  const segmentsOfCode = new Map<Guid, Set<Guid>>();
  for (const c of work.codings) {
    if (!segments.has(c.segmentGuid)) continue;
    let codes = codesOfSegment.get(c.segmentGuid);
    if (!codes) codesOfSegment.set(c.segmentGuid, (codes = new Set()));
    codes.add(c.codeGuid);
    let segs = segmentsOfCode.get(c.codeGuid);
    if (!segs) segmentsOfCode.set(c.codeGuid, (segs = new Set()));
    segs.add(c.segmentGuid);
  }
  const termCodes = (e: Extract<QueryExpr, { op: 'code' }>): Set<Guid> => (e.withDescendants ? descendantGuids(data.codes, e.codeGuid) : new Set([e.codeGuid]));

  const evaluate = (e: QueryExpr): Hits => {
    switch (e.op) {
      case 'code': {
        const hits: Hits = new Map();
        const seen = new Set<Guid>();
        for (const code of termCodes(e)) {
          for (const guid of segmentsOfCode.get(code) ?? []) {
            const s = segments.get(guid);
            if (!s || seen.has(guid)) continue;
            seen.add(guid);
            push(hits, s.documentGuid, { start: s.start, end: s.end, kind: 'segment', segments: [guid] });
          }
        }
        return sorted(hits);
      }
      case 'or':
        return union(e.args.map(evaluate));
      case 'and': {
        const positive = e.args.filter((a) => a.op !== 'not').map(evaluate);
        const negative = e.args.flatMap((a) => (a.op === 'not' ? [evaluate(a.arg)] : []));
        const base = positive.length === 1 ? (positive[0] as Hits) : intersection(positive);
        return negative.reduce((hits, without) => withoutOverlap(hits, without), base);
      }
      case 'overlaps':
        return overlapping(evaluate(e.a), evaluate(e.b));
      case 'not':
        // validateQuery lets NOT stand only inside an AND, which handles it above.
        return new Map();
    }
  };

  const named = new Set<Guid>();
  const collect = (e: QueryExpr): void => {
    if (e.op === 'code') for (const g of termCodes(e)) named.add(g);
    else if (e.op === 'and' || e.op === 'or') e.args.forEach(collect);
    else if (e.op === 'overlaps') [e.a, e.b].forEach(collect);
    // Codes under NOT are absent from every hit by definition; they are not listed.
  };
  collect(expr);
  const codeOrder = new Map(flattenTree(data.codes).map((row, i) => [row.code.guid, i]));
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t.text]));

  const hits = evaluate(expr);
  const result: QueryHit[] = [];
  for (const d of work.documents) {
    const text = texts.get(d.guid);
    for (const hit of hits.get(d.guid) ?? []) {
      const segs = [...hit.segments].map((g) => segments.get(g)).filter((s) => s !== undefined);
      segs.sort((a, b) => a.start - b.start || a.end - b.end);
      const codeGuids = new Set<Guid>();
      for (const s of segs) for (const c of codesOfSegment.get(s.guid) ?? []) if (named.has(c)) codeGuids.add(c);
      const only = segs.length === 1 && segs[0]?.start === hit.start && segs[0]?.end === hit.end ? segs[0] : undefined;
      result.push({
        documentGuid: d.guid,
        start: hit.start,
        end: hit.end,
        text: text !== undefined ? text.slice(hit.start, hit.end) : (only?.text ?? ''),
        kind: hit.kind,
        segmentGuids: segs.map((s) => s.guid),
        codeGuids: [...codeGuids].sort((a, b) => (codeOrder.get(a) ?? 0) - (codeOrder.get(b) ?? 0)),
        coderGuids: [...new Set(segs.map((s) => s.coderGuid))],
      });
    }
  }
  return ok(result);
}

function push(hits: Hits, documentGuid: Guid, hit: Hit): void {
  const list = hits.get(documentGuid);
  if (list) list.push(hit);
  else hits.set(documentGuid, [hit]);
}

function sorted(hits: Hits): Hits {
  for (const list of hits.values()) list.sort(byRange);
  return hits;
}

/** Every hit of every operand, once: hits with the same range and segments are one. */
function union(operands: readonly Hits[]): Hits {
  const result: Hits = new Map();
  const seen = new Set<string>();
  for (const hits of operands) {
    for (const [doc, list] of hits) {
      for (const hit of list) {
        const id = `${doc}|${hit.start}|${hit.end}|${[...hit.segments].sort().join(',')}`;
        if (seen.has(id)) continue;
        seen.add(id);
        push(result, doc, hit);
      }
    }
  }
  return sorted(result);
}


/** The passages covered by a hit of every operand, each with the segments of the hits overlapping it. */
function intersection(operands: readonly Hits[]): Hits {
  const result: Hits = new Map();
  const [first, ...rest] = operands;
  if (!first) return result;
  for (const [doc, list] of first) {
    const lists = [list, ...rest.map((hits) => hits.get(doc) ?? [])];
    if (lists.some((l) => l.length === 0)) continue;
    // Touching hits joined, so that a passage is maximal: [0, 5) and [5, 9) under [0, 9) is one passage.
    const covered = lists.map((l) => mergeRanges(l, { touching: 'join' })).reduce(intersectRanges);
    for (const passage of covered) {
      const segments = new Set<Guid>();
      for (const l of lists) for (const hit of segmentsInRange(l, passage.start, passage.end)) for (const s of hit.segments) segments.add(s);
      push(result, doc, { start: passage.start, end: passage.end, kind: 'passage', segments: [...segments] });
    }
  }
  return result;
}

/** The hits of `hits` that share no character with a hit of `without`. */
function withoutOverlap(hits: Hits, without: Hits): Hits {
  const result: Hits = new Map();
  for (const [doc, list] of hits) {
    const other = without.get(doc) ?? [];
    const kept = list.filter((hit) => segmentsInRange(other, hit.start, hit.end).length === 0);
    if (kept.length > 0) result.set(doc, kept);
  }
  return result;
}

/** The hits of `a` that overlap a hit of `b`, with the overlapping hits' segments added. */
function overlapping(a: Hits, b: Hits): Hits {
  const result: Hits = new Map();
  for (const [doc, list] of a) {
    const other = b.get(doc) ?? [];
    for (const hit of list) {
      const met = segmentsInRange(other, hit.start, hit.end);
      if (met.length === 0) continue;
      push(result, doc, { ...hit, segments: [...new Set([...hit.segments, ...met.flatMap((m) => m.segments)])] });
    }
  }
  return result;
}
