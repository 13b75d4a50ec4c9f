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
  addIngredients,
  binaryIngredients,
  binaryUAlpha,
  cuAlpha,
  emptyIngredients,
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

function stats(counts: CharacterCounts, length: number, coderCount: number, ingredients: AlphaIngredients): AgreementStats {
  const pair = coderCount === 2;
  return {
    ...counts,
    percentAgreement: pair && length > 0 ? (100 * (counts.both + counts.neither)) / length : null,
    cohenKappa: pair ? kappa2x2(counts) : null,
    alphaBinary: binaryUAlpha(ingredients),
  };
}

const addCounts = (a: CharacterCounts, b: CharacterCounts): CharacterCounts => ({
  both: a.both + b.both,
  onlyA: a.onlyA + b.onlyA,
  onlyB: a.onlyB + b.onlyB,
  neither: a.neither + b.neither,
});

function codeAgreement(index: AgreementIndex, code: Code): CodeAgreement {
  const m = index.coderCount;
  let pooledCounts: CharacterCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  let pooledIngredients = emptyIngredients(m, 1);
  let pooledLength = 0;
  const documents = index.documents.map((document, d) => {
    const ranges = rangesOfCode(index, d, code.guid);
    const counts = countCharacters(document.length, ranges, m);
    // One value (the code) against the gaps: sorted ranges go straight to the binary sweep.
    const merged = ranges.map((coderRanges) => mergeRanges(coderRanges, { touching: 'keep' }));
    const ingredients = binaryIngredients(document.length, merged) ?? unitizingIngredients(document.length, merged.map((units) => units.map(({ start, end }) => ({ start, end, value: 0 }))), 1);
    pooledCounts = addCounts(pooledCounts, counts);
    pooledIngredients = addIngredients(pooledIngredients, ingredients);
    pooledLength += document.length;
    return { guid: document.guid, name: document.name, ...stats(counts, document.length, m, ingredients) };
  });
  return { guid: code.guid, name: code.name, pooled: stats(pooledCounts, pooledLength, m, pooledIngredients), documents };
}

/**
 * A coder's units of one value: ranges that share a character become one unit; ranges that only
 * touch stay apart, since two adjacent units are not one long unit.
 */
function unitsOf(ranges: readonly TextRange[], value: number): ValuedRange[] {
  return mergeRanges(ranges, { touching: 'keep' }).map(({ start, end }) => ({ start, end, value }));
}

/** Each coder's units of a domain in one document (values: the children's indices), deduplicated. */
function domainUnits(index: AgreementIndex, d: number, parentGuid: Guid, valueIndex: ReadonlyMap<Guid, number>): ValuedRange[][] {
  const units: ValuedRange[][] = Array.from({ length: index.coderCount }, () => []);
  for (const segment of index.segments[d] ?? []) {
    const values = new Set<number>();
    for (const chain of segment.chains) {
      const at = chain.indexOf(parentGuid);
      const value = at >= 0 ? valueIndex.get(chain[at + 1] ?? '') : undefined;
      if (value !== undefined) values.add(value);
    }
    for (const value of values) units[segment.coder]?.push({ start: segment.start, end: segment.end, value });
  }
  return units;
}

/** Whether any two of the units share a character. */
function hasOverlap(units: readonly ValuedRange[]): boolean {
  const sorted = [...units].sort((a, b) => a.start - b.start);
  let reach = -Infinity;
  for (const unit of sorted) {
    if (unit.start < reach) return true;
    reach = Math.max(reach, unit.end);
  }
  return false;
}

function domainAgreement(index: AgreementIndex, parent: Code, codes: readonly Code[], coders: readonly Guid[]): DomainAgreement {
  const children = childrenOf(codes, parent.guid);
  const valueIndex = new Map(children.map((child, i) => [child.guid, i]));
  const overlapping = new Set<number>();
  let pooled = emptyIngredients(index.coderCount, children.length);
  index.documents.forEach((document, d) => {
    const units = domainUnits(index, d, parent.guid, valueIndex).map((coderUnits, coder) => {
      if (hasOverlap(coderUnits)) overlapping.add(coder);
      // Same-valued overlaps are one unit; overlaps of different values stay and are warned about.
      return children.flatMap((_, value) => unitsOf(coderUnits.filter((unit) => unit.value === value), value));
    });
    pooled = addIngredients(pooled, unitizingIngredients(document.length, units, children.length));
  });
  return {
    guid: parent.guid,
    name: parent.name,
    uAlpha: uAlpha(pooled),
    binaryUAlpha: binaryUAlpha(pooled),
    cuAlpha: cuAlpha(pooled),
    overlapping: coders.filter((_, coder) => overlapping.has(coder)),
  };
}

/** The codes in any coding's chain (top-level code first, the coded code last); `parents`: all but the last. */
function codesInChains(index: AgreementIndex, parents: boolean): Set<Guid> {
  const used = new Set<Guid>();
  for (const segments of index.segments)
    for (const segment of segments)
      for (const chain of segment.chains) for (let i = 0; i < chain.length - (parents ? 1 : 0); i++) used.add(chain[i] as Guid);
  return used;
}

/** The codes to report: chosen ones in their order, else every code used, in codebook order. */
function reportedCodes(input: ReportChoice, index: AgreementIndex): Code[] {
  const byGuid = new Map(input.codes.map((code) => [code.guid, code]));
  if (input.codeGuids) return input.codeGuids.flatMap((guid) => byGuid.get(guid) ?? []);
  const used = codesInChains(index, false);
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
  const used = codesInChains(index, true);
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
  return {
    codes: mine(reportedCodes(input, index)).map((code) => codeAgreement(index, code)),
    domains: mine(reportedDomains(input, index)).map((parent) => domainAgreement(index, parent, input.codes, input.coders)),
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
