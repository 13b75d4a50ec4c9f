/**
 * The input of text agreement, close to the app's stored data, and the index that turns it into
 * each coder's ranges per code and per domain. A code includes its descendants (roll-up): a segment
 * coded with a subcode counts for every code above it too.
 */
import type { Code, Guid } from '../model';
import type { TextRange } from '../ranges';

export interface AgreementDocument {
  readonly guid: Guid;
  readonly name: string;
  /** Length of the text in UTF-16 code units. */
  readonly length: number;
}

/** A coder's range of a document; offsets in UTF-16 code units, half-open. */
export interface AgreementSegment {
  readonly guid: Guid;
  readonly documentGuid: Guid;
  readonly coderGuid: Guid;
  readonly start: number;
  readonly end: number;
}

export interface AgreementCoding {
  readonly segmentGuid: Guid;
  readonly codeGuid: Guid;
}

export interface AgreementInput {
  readonly documents: readonly AgreementDocument[];
  readonly codes: readonly Code[];
  /** The coders compared, in order: the first is A, the second B. */
  readonly coders: readonly Guid[];
  readonly segments: readonly AgreementSegment[];
  readonly codings: readonly AgreementCoding[];
  /** The codes to report, in this order; by default every code used, in codebook order. */
  readonly codeGuids?: readonly Guid[];
  /** The documents to compare, in input order; by default all. */
  readonly documentGuids?: readonly Guid[];
  /**
   * The parent codes whose children form the domains to report. By default the chosen codes that
   * have children when `codeGuids` is given, else every parent with a child used.
   */
  readonly domainGuids?: readonly Guid[];
}

/** A segment as one coder's range, with every code it counts for after roll-up. */
export interface IndexedSegment extends TextRange {
  readonly coder: number;
  /** The codes of its codings, each with its ancestors: top-level code first, the code itself last. */
  readonly chains: readonly (readonly Guid[])[];
}

export interface AgreementIndex {
  readonly coderCount: number;
  /** The documents compared, in input order. */
  readonly documents: readonly AgreementDocument[];
  /**
   * Per compared document (same order), per code: each coder's segments coded with it or below
   * it, sorted by start (so that the report merges them without sorting them again). Built once,
   * so that a report of many codes over many documents does not go through every segment again
   * for each code.
   */
  readonly byCode: readonly ReadonlyMap<Guid, readonly (readonly IndexedSegment[])[]>[];
  /** Every code in a segment's chain: the codes used, with the codes above them. */
  readonly used: ReadonlySet<Guid>;
  /** Every code in a chain before its last: the codes with a code used below them. */
  readonly parents: ReadonlySet<Guid>;
}

/** The index of the documents' segments, with their segments per code (see `AgreementIndex.byCode`). */
export function indexByCode(coderCount: number, documents: readonly AgreementDocument[], segments: readonly (readonly IndexedSegment[])[]): AgreementIndex {
  const used = new Set<Guid>();
  const parents = new Set<Guid>();
  const byCode = segments.map((unsorted) => {
    const list = [...unsorted].sort((a, b) => a.start - b.start);
    const perCode = new Map<Guid, IndexedSegment[][]>();
    const counted: Guid[] = [];
    for (const segment of list) {
      counted.length = 0;
      for (const chain of segment.chains)
        for (let i = 0; i < chain.length; i++) {
          const guid = chain[i] as Guid;
          if (counted.includes(guid)) continue;
          counted.push(guid);
          let ranges = perCode.get(guid);
          if (!ranges) {
            perCode.set(guid, (ranges = noRanges(coderCount)));
            used.add(guid);
            // A chain is its last code's ancestors: the code before a code is always its parent.
            if (i > 0) parents.add(chain[i - 1] as Guid);
          }
          ranges[segment.coder]?.push(segment);
        }
    }
    return perCode;
  });
  return { coderCount, documents, byCode, used, parents };
}

/** A new empty list per coder (a loop: Array.from with a function costs more, thousands of times per report). */
function noRanges(coderCount: number): IndexedSegment[][] {
  const lists: IndexedSegment[][] = [];
  for (let i = 0; i < coderCount; i++) lists.push([]);
  return lists;
}

const none: readonly never[] = [];

/** One coder's ranges per coder index, for one code and document, its descendants included. */
export function rangesOfCode(index: AgreementIndex, documentIndex: number, codeGuid: Guid): readonly (readonly TextRange[])[] {
  return index.byCode[documentIndex]?.get(codeGuid) ?? new Array<readonly TextRange[]>(index.coderCount).fill(none);
}

/**
 * Whether two inputs give the same report: the same documents, codes, coders, segments, codings
 * and choices, field by field (a project read again gives new objects for the same records).
 */
export function sameAgreementInput(a: AgreementInput, b: AgreementInput): boolean {
  if (a === b) return true;
  const same = <T>(x: readonly T[] | undefined, y: readonly T[] | undefined, eq: (p: T, q: T) => boolean) =>
    x === y || (x !== undefined && y !== undefined && x.length === y.length && x.every((p, i) => p === y[i] || eq(p, y[i] as T)));
  const never = () => false;
  return (
    same(a.coders, b.coders, never) &&
    same(a.codeGuids, b.codeGuids, never) &&
    same(a.documentGuids, b.documentGuids, never) &&
    same(a.domainGuids, b.domainGuids, never) &&
    same(a.documents, b.documents, (p, q) => p.guid === q.guid && p.name === q.name && p.length === q.length) &&
    same(a.codes, b.codes, (p, q) => p.guid === q.guid && p.parentGuid === q.parentGuid && p.name === q.name && p.order === q.order) &&
    same(a.segments, b.segments, (p, q) => p.guid === q.guid && p.documentGuid === q.documentGuid && p.coderGuid === q.coderGuid && p.start === q.start && p.end === q.end) &&
    same(a.codings, b.codings, (p, q) => p.segmentGuid === q.segmentGuid && p.codeGuid === q.codeGuid)
  );
}
