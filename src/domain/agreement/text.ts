/**
 * Inter-coder agreement on coded text: per code and document at character level (as NVivo's
 * coding comparison), and per domain with Krippendorff's unitizing alphas (as ATLAS.ti).
 * Definitions: `../shared/agreement/README.md` (from the repository root); the report's shape is
 * the `agreement --json` contract of the command line (issue 4).
 *
 * A code includes its descendants. Pooled figures sum counts and coincidence ingredients over
 * documents and compute once; they never average per-document coefficients. A coefficient that is
 * undefined is null, never 0 or 1.
 */
import { assert } from '../assert';
import { childrenOf, flattenTree } from '../codebook';
import type { Code, Guid } from '../model';
import { mergeRanges, type TextRange } from '../ranges';
import { countCharacters, type CharacterCounts } from './coverage';
import { rangesOfCode, type AgreementIndex, type AgreementInput } from './input';
import { indexAgreementInput, indexPackedInput, type PackedAgreementInput } from './packed';
import {
  apartFigures,
  binaryUAlpha,
  cuAlpha,
  sumIngredients,
  uAlpha,
  unitizingIngredients,
  type AlphaIngredients,
  type ValuedRange,
} from './unitizing';

export interface AgreementStats extends CharacterCounts {
  /** 100 * (both + neither) / length; two coders only, else null. */
  readonly percentAgreement: number | null;
  /** Cohen's kappa on the 2x2 character table; two coders only, else null. */
  readonly cohenKappa: number | null;
  /** Krippendorff's binary u-alpha of the code alone, for two or more coders. */
  readonly alphaBinary: number | null;
}

export interface DocumentAgreement extends AgreementStats {
  readonly guid: Guid;
  readonly name: string;
}

export interface CodeAgreement {
  readonly guid: Guid;
  readonly name: string;
  /** Summed over the documents, then computed. */
  readonly pooled: AgreementStats;
  readonly documents: readonly DocumentAgreement[];
}

export interface DomainAgreement {
  /** The parent code whose direct children are the domain's values. */
  readonly guid: Guid;
  readonly name: string;
  readonly uAlpha: number | null;
  readonly binaryUAlpha: number | null;
  readonly cuAlpha: number | null;
  /** Coders whose segments overlap each other within the domain (the model assumes they do not). */
  readonly overlapping: readonly Guid[];
}

export interface AgreementReport {
  readonly codes: readonly CodeAgreement[];
  readonly domains: readonly DomainAgreement[];
}

/**
 * Cohen's kappa of a 2x2 table, 2(ad - bc) / ((a + b)(b + d) + (a + c)(c + d)): the same as
 * (po - pe) / (1 - pe), in whole numbers, so that it is exactly 0 when one coder never coded and
 * exactly 1 for identical coding. Null when undefined (neither coded, or both coded everything).
 */
export function kappa2x2({ both, onlyA, onlyB, neither }: CharacterCounts): number | null {
  const denominator = (both + onlyA) * (onlyA + neither) + (both + onlyB) * (onlyB + neither);
  return denominator > 0 ? (2 * (both * neither - onlyA * onlyB)) / denominator : null;
}

/** The figures of a code in a document (or pooled). */
function stats(counts: CharacterCounts, length: number, coderCount: number, ingredients: AlphaIngredients): AgreementStats {
  const pair = coderCount === 2;
  return {
    both: counts.both,
    onlyA: counts.onlyA,
    onlyB: counts.onlyB,
    neither: counts.neither,
    percentAgreement: pair && length > 0 ? (100 * (counts.both + counts.neither)) / length : null,
    cohenKappa: pair ? kappa2x2(counts) : null,
    alphaBinary: binaryUAlpha(ingredients),
  };
}

/**
 * Each coder's ranges of a code in a document, merged into units: ranges that share a character
 * become one unit; ranges that only touch stay apart, since two adjacent units are not one long
 * unit.
 */
interface MergedCode {
  /** Per coder, sorted and apart. */
  readonly units: readonly (readonly TextRange[])[];
  /** Per coder: whether some of its ranges shared a character (and became one unit). */
  readonly joined: readonly boolean[];
}

/**
 * A code's merged ranges per document, each merged once per report: every child of a domain is a
 * code of the report too (as on W2 and W3), and merging them again for the domain cost as much.
 */
type MergedRanges = (d: number, codeGuid: Guid) => MergedCode;

function mergedRanges(index: AgreementIndex): MergedRanges {
  const cache = index.documents.map(() => new Map<Guid, MergedCode>());
  return (d, codeGuid) => {
    const byCode = cache[d] as Map<Guid, MergedCode>;
    let merged = byCode.get(codeGuid);
    if (!merged) {
      const ranges = rangesOfCode(index, d, codeGuid);
      const units = ranges.map((coderRanges) => mergeRanges(coderRanges, { touching: 'keep' }));
      // The index keeps no empty range: fewer units than ranges means some were joined.
      merged = { units, joined: units.map((coderUnits, coder) => coderUnits.length < (ranges[coder]?.length ?? 0)) };
      byCode.set(codeGuid, merged);
    }
    return merged;
  };
}

function codeAgreement(index: AgreementIndex, merged: MergedRanges, code: Code): CodeAgreement {
  const m = index.coderCount;
  const pooledCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const parts: AlphaIngredients[] = [];
  let pooledLength = 0;
  const documents = index.documents.map((document, d) => {
    // One value (the code) against the gaps: its units go straight to the sweep for units apart,
    // which counts the characters too.
    const { units } = merged(d, code.guid);
    const { counts, ingredients } = apartFigures(document.length, units, 1) ?? {
      counts: countCharacters(document.length, rangesOfCode(index, d, code.guid), m),
      ingredients: unitizingIngredients(document.length, units.map((coderUnits) => coderUnits.map(({ start, end }) => ({ start, end, value: 0 }))), 1),
    };
    pooledCounts.both += counts.both;
    pooledCounts.onlyA += counts.onlyA;
    pooledCounts.onlyB += counts.onlyB;
    pooledCounts.neither += counts.neither;
    parts.push(ingredients);
    pooledLength += document.length;
    return { guid: document.guid, name: document.name, ...stats(counts, document.length, m, ingredients) };
  });
  return { guid: code.guid, name: code.name, pooled: stats(pooledCounts, pooledLength, m, sumIngredients(m, 1, parts)), documents };
}

/**
 * Each coder's units of a domain in one document, sorted by start (values: the children's indices).
 * A child's units are the coder's merged ranges of that child, its descendants included (a segment
 * once per value). Units of different values that share a character stay. `overlapping` gains the
 * coders whose ranges share a character within the domain, of one value or of two.
 */
function domainUnits(coderCount: number, values: readonly MergedCode[], overlapping: Set<number>): ValuedRange[][] {
  const units: ValuedRange[][] = [];
  const next = new Array<number>(values.length);
  for (let coder = 0; coder < coderCount; coder++) {
    const mine: ValuedRange[] = [];
    // The children's sorted lists merged by start.
    next.fill(0);
    for (;;) {
      let value = -1;
      let start = Infinity;
      for (let v = 0; v < values.length; v++) {
        const unit = (values[v] as MergedCode).units[coder]?.[next[v] as number];
        if (unit && unit.start < start) {
          start = unit.start;
          value = v;
        }
      }
      if (value < 0) break;
      const unit = (values[value] as MergedCode).units[coder]?.[next[value] as number] as TextRange;
      next[value] = (next[value] as number) + 1;
      mine.push({ start: unit.start, end: unit.end, value });
    }
    if (values.some((value) => value.joined[coder]) || hasOverlap(mine)) overlapping.add(coder);
    units.push(mine);
  }
  return units;
}

/** Whether any two of the ranges, sorted by start, share a character. */
function hasOverlap(sorted: readonly TextRange[]): boolean {
  let reach = -Infinity;
  for (const range of sorted) {
    if (range.start < reach) return true;
    reach = Math.max(reach, range.end);
  }
  return false;
}

function domainAgreement(index: AgreementIndex, merged: MergedRanges, parent: Code, codes: readonly Code[], coders: readonly Guid[]): DomainAgreement {
  const children = childrenOf(codes, parent.guid);
  const overlapping = new Set<number>();
  const parts = index.documents.map((document, d) =>
    unitizingIngredients(document.length, domainUnits(index.coderCount, children.map((child) => merged(d, child.guid)), overlapping), children.length),
  );
  const pooled = sumIngredients(index.coderCount, children.length, parts);
  return {
    guid: parent.guid,
    name: parent.name,
    uAlpha: uAlpha(pooled),
    binaryUAlpha: binaryUAlpha(pooled),
    cuAlpha: cuAlpha(pooled),
    overlapping: coders.filter((_, coder) => overlapping.has(coder)),
  };
}

/** The codes to report: chosen ones in their order, else every code used, in codebook order. */
function reportedCodes(input: ReportChoice, index: AgreementIndex): Code[] {
  const byGuid = new Map(input.codes.map((code) => [code.guid, code]));
  if (input.codeGuids) return input.codeGuids.flatMap((guid) => byGuid.get(guid) ?? []);
  const { used } = index;
  return flattenTree(input.codes)
    .map((row) => row.code)
    .filter((code) => used.has(code.guid));
}

/** The parents whose domains to report (see `AgreementInput.domainGuids`). */
function reportedDomains(input: ReportChoice, index: AgreementIndex): Code[] {
  const byGuid = new Map(input.codes.map((code) => [code.guid, code]));
  if (input.domainGuids) return input.domainGuids.flatMap((guid) => byGuid.get(guid) ?? []);
  const parents = new Set(input.codes.map((code) => code.parentGuid));
  if (input.codeGuids) return input.codeGuids.flatMap((guid) => (parents.has(guid) ? (byGuid.get(guid) ?? []) : []));
  // A domain is used when a coding sits at or below one of its children: its parent is in a chain, not last.
  const used = index.parents;
  return flattenTree(input.codes)
    .map((row) => row.code)
    .filter((code) => used.has(code.guid));
}

/**
 * One of `of` shares of a report, so that several threads can each compute one: the reported codes
 * and domains whose position in the whole report leaves `index` when divided by `of` (interleaved,
 * since a code above others costs more than a leaf and the codebook lists it first).
 */
export interface ReportShare {
  readonly index: number;
  readonly of: number;
}

/**
 * Agreement per code (and document, and pooled) and per domain, for the chosen coders; with a
 * share, only that share's codes and domains (`joinAgreementShares` puts the shares together).
 */
export function computeAgreement(input: AgreementInput, share?: ReportShare): AgreementReport {
  return reportOf(input, indexAgreementInput(input), share);
}

/** `computeAgreement` of a packed input (what a worker is given: see packed.ts). */
export function computePackedAgreement(packed: PackedAgreementInput, share?: ReportShare): AgreementReport {
  return reportOf(packed, indexPackedInput(packed), share);
}

/** What a report takes from its input besides the index. */
type ReportChoice = Pick<AgreementInput, 'codes' | 'coders' | 'codeGuids' | 'domainGuids'>;

function reportOf(input: ReportChoice, index: AgreementIndex, share: ReportShare | undefined): AgreementReport {
  if (share) assert(Number.isInteger(share.of) && share.of >= 1 && Number.isInteger(share.index) && share.index >= 0 && share.index < share.of, () => `share ${share.index} of ${share.of} is one of the shares`);
  const mine = <T>(list: readonly T[]): readonly T[] => (share ? list.filter((_, i) => i % share.of === share.index) : list);
  const merged = mergedRanges(index);
  return {
    codes: mine(reportedCodes(input, index)).map((code) => codeAgreement(index, merged, code)),
    domains: mine(reportedDomains(input, index)).map((parent) => domainAgreement(index, merged, parent, input.codes, input.coders)),
  };
}

/** The whole report from its shares 0, 1, ... (in that order), each computed on the same input. */
export function joinAgreementShares(shares: readonly AgreementReport[]): AgreementReport {
  const interleave = <T>(lists: readonly (readonly T[])[]): T[] => {
    const out: T[] = [];
    const longest = Math.max(0, ...lists.map((list) => list.length));
    for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] as T);
    return out;
  };
  return { codes: interleave(shares.map((s) => s.codes)), domains: interleave(shares.map((s) => s.domains)) };
}
