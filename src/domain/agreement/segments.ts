/**
 * Agreement at the level of segments, as MAXQDA reports it next to character-level figures.
 *
 * For two coders A and B and a code as applied (no roll-up), a segment of one coder with the code
 * is *matched* when the other coder has a segment with the same code in the same document that
 * overlaps it by at least `share` of the two segments together: |s ∩ t| / |s ∪ t| ≥ share (90 % by
 * default). Every segment of both coders is checked, each against the other coder's segments.
 *
 * - percent agreement P = matched segments / all segments (of both coders with the code);
 * - kappa as Brennan and Prediger (1981), chance fixed by the number of categories instead of the
 *   coders' margins: per code the categories are "coded" and "not coded", so Pc = 1/2; overall
 *   the categories are the k codes compared, so Pc = 1/k. kappa = (P − Pc) / (1 − Pc).
 *
 * Uncoded text plays no part, unlike the character figures where it dominates percent agreement.
 */
import type { Guid } from '../model';
import type { AgreementSegment, AgreementCoding } from './input';
import type { PackedAgreementInput } from './packed';

export interface SegmentAgreementInput {
  /** The two coders compared: A, then B. */
  readonly coders: readonly [Guid, Guid];
  readonly segments: readonly AgreementSegment[];
  readonly codings: readonly AgreementCoding[];
  /** The codes to report, in this order. */
  readonly codeGuids: readonly Guid[];
  /** The documents compared; all when absent. */
  readonly documentGuids?: readonly Guid[];
  /** The least overlap (intersection over union) for two segments to match, 0 < share ≤ 1. */
  readonly share?: number;
}

export interface SegmentCounts {
  /** A's segments with the code, and how many of them B matched. */
  readonly segmentsA: number;
  readonly matchedA: number;
  readonly segmentsB: number;
  readonly matchedB: number;
  /** Matched segments over all segments, 0 to 100; null without segments. */
  readonly percentAgreement: number | null;
  /** Brennan and Prediger's kappa; null without segments. */
  readonly kappa: number | null;
}

export interface SegmentAgreementReport {
  readonly share: number;
  readonly codes: readonly ({ readonly codeGuid: Guid } & SegmentCounts)[];
  /** Summed over the codes with segments; Pc = 1/k with k the number of those codes. */
  readonly overall: SegmentCounts & { readonly categories: number };
}

export const DEFAULT_SEGMENT_SHARE = 0.9;

interface Range {
  readonly documentGuid: Guid;
  readonly start: number;
  readonly end: number;
}

function overlapShare(s: Range, t: Range): number {
  const inter = Math.min(s.end, t.end) - Math.max(s.start, t.start);
  if (inter <= 0) return 0;
  return inter / (Math.max(s.end, t.end) - Math.min(s.start, t.start));
}

/** How many of `mine` have a segment in `theirs` (same document) overlapping them by at least `share`. */
function matched(mine: readonly Range[], theirs: readonly Range[], share: number): number {
  const byDocument = new Map<Guid, Range[]>();
  for (const t of theirs) {
    const list = byDocument.get(t.documentGuid);
    if (list) list.push(t);
    else byDocument.set(t.documentGuid, [t]);
  }
  return mine.filter((s) => (byDocument.get(s.documentGuid) ?? []).some((t) => overlapShare(s, t) >= share - 1e-12)).length;
}

function counts(segmentsA: number, matchedA: number, segmentsB: number, matchedB: number, chance: number): SegmentCounts {
  const all = segmentsA + segmentsB;
  const p = all === 0 ? null : (matchedA + matchedB) / all;
  return {
    segmentsA,
    matchedA,
    segmentsB,
    matchedB,
    percentAgreement: p === null ? null : 100 * p,
    kappa: p === null || chance >= 1 ? null : (p - chance) / (1 - chance),
  };
}

export function segmentAgreement(input: SegmentAgreementInput): SegmentAgreementReport {
  const share = input.share ?? DEFAULT_SEGMENT_SHARE;
  const [a, b] = input.coders;
  const documents = input.documentGuids ? new Set(input.documentGuids) : null;
  const segmentByGuid = new Map(input.segments.filter((s) => !documents || documents.has(s.documentGuid)).map((s) => [s.guid, s]));
  // Per code, each coder's segments with it (a segment once, however many codings it has).
  const perCode = new Map<Guid, { a: Map<Guid, Range>; b: Map<Guid, Range> }>();
  for (const guid of input.codeGuids) perCode.set(guid, { a: new Map(), b: new Map() });
  for (const c of input.codings) {
    const segment = segmentByGuid.get(c.segmentGuid);
    const lists = perCode.get(c.codeGuid);
    if (!segment || !lists) continue;
    if (segment.coderGuid === a) lists.a.set(segment.guid, segment);
    else if (segment.coderGuid === b) lists.b.set(segment.guid, segment);
  }
  const codes = input.codeGuids.map((codeGuid) => {
    const lists = perCode.get(codeGuid)!;
    const mineA = [...lists.a.values()];
    const mineB = [...lists.b.values()];
    return { codeGuid, ...counts(mineA.length, matched(mineA, mineB, share), mineB.length, matched(mineB, mineA, share), 1 / 2) };
  });
  return summed(share, codes);
}

/** The report of the codes' counts: summed over the codes with segments, Pc = 1/k with k the number of those codes. */
function summed(share: number, codes: readonly ({ readonly codeGuid: Guid } & SegmentCounts)[]): SegmentAgreementReport {
  const used = codes.filter((c) => c.segmentsA + c.segmentsB > 0);
  const sum = (f: (c: SegmentCounts) => number) => used.reduce((n, c) => n + f(c), 0);
  const k = used.length;
  return {
    share,
    codes,
    overall: { ...counts(sum((c) => c.segmentsA), sum((c) => c.matchedA), sum((c) => c.segmentsB), sum((c) => c.matchedB), k > 0 ? 1 / k : 1), categories: k },
  };
}

/**
 * `segmentAgreement` of the first two coders of a packed agreement input (what an agreement worker
 * is given, packed.ts), over its chosen codes and documents, or every code its codings name and
 * every document; null with fewer than two coders. The same figures as `segmentAgreement` of the
 * input before packing, for the segments of the input's documents, from the packed numbers: a
 * worker computes it after every report, and an object and a guid per segment (240,000 on W3)
 * kept the worker from the next report for longer than the table's counting.
 */
export function packedSegmentAgreement(packed: PackedAgreementInput, share?: number): SegmentAgreementReport | null {
  const [a, b] = packed.coders;
  if (a === undefined || b === undefined) return null;
  const at = share ?? DEFAULT_SEGMENT_SHARE;
  const kept = packed.segmentGuidEnds.length;
  const chosen = packed.documentGuids ? new Set(packed.documentGuids) : null;
  const inChosen = packed.documents.map((d) => !chosen || chosen.has(d.guid));
  // 0: A's, 1: B's, -1: neither's or outside the chosen documents.
  const side = new Int8Array(kept).fill(-1);
  // A guid given twice (a hostile file) names the last of its segments in the chosen documents, as
  // the table's map of segments by guid does; codings name the first (packAgreementInput).
  const named = new Int32Array(kept).fill(-1);
  for (let i = 0; i < kept; i++) {
    if (!inChosen[packed.segments[4 * i] as number]) continue;
    const coder = packed.coders[packed.segments[4 * i + 1] as number];
    side[i] = coder === a ? 0 : coder === b ? 1 : -1;
    named[packed.owners[i] as number] = i;
  }
  const codeGuids = packed.codeGuids ?? packed.codingCodes;
  // Per code asked for, each side's segments with it (a segment once, however many codings it has).
  const lists = new Map<Guid, { readonly a: number[]; readonly b: number[] }>();
  for (const guid of codeGuids) if (!lists.has(guid)) lists.set(guid, { a: [], b: [] });
  const listOf = packed.codingCodes.map((guid) => lists.get(guid));
  for (let j = 0; j < packed.codings.length; j += 2) {
    const list = listOf[packed.codings[j + 1] as number];
    const segment = named[packed.codings[j] as number] as number;
    if (!list || segment < 0) continue;
    const s = side[segment];
    if (s === 0) list.a.push(segment);
    else if (s === 1) list.b.push(segment);
  }
  const once = (segments: number[]): number[] => [...new Set(segments)];
  // A document's index in the pack stands for its guid: the pack gives one index per guid.
  const range = (i: number): Range => ({
    documentGuid: String(packed.segments[4 * i]),
    start: packed.segments[4 * i + 2] as number,
    end: packed.segments[4 * i + 3] as number,
  });
  const perCode = new Map<Guid, SegmentCounts>();
  const codes = codeGuids.map((codeGuid) => {
    let found = perCode.get(codeGuid);
    if (!found) {
      const list = lists.get(codeGuid) as { readonly a: number[]; readonly b: number[] };
      const mineA = once(list.a).map(range);
      const mineB = once(list.b).map(range);
      found = counts(mineA.length, matched(mineA, mineB, at), mineB.length, matched(mineB, mineA, at), 1 / 2);
      perCode.set(codeGuid, found);
    }
    return { codeGuid, ...found };
  });
  return summed(at, codes);
}
