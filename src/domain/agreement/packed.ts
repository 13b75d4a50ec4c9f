/**
 * An agreement input in a form that is cheap to copy to another thread: the segments' and
 * codings' numbers in typed arrays (copied as blocks of memory), their guids in one array of
 * strings, instead of tens of thousands of objects that a structured clone walks one by one.
 * A report of it (`computePackedAgreement`) is the report of the input: what packing leaves out is
 * what the report ignores anyway (segments of documents or coders not in the input, codings of
 * segments left out). The report indexes every input this way (`indexAgreementInput`).
 */
import { assert } from '../assert';
import { ancestors } from '../codebook';
import type { Guid } from '../model';
import { indexByCode, type AgreementIndex, type AgreementInput, type IndexedSegment } from './input';

export interface PackedAgreementInput {
  readonly documents: AgreementInput['documents'];
  readonly codes: AgreementInput['codes'];
  readonly coders: AgreementInput['coders'];
  readonly codeGuids?: AgreementInput['codeGuids'];
  readonly documentGuids?: AgreementInput['documentGuids'];
  readonly domainGuids?: AgreementInput['domainGuids'];
  /**
   * The kept segments' guids, one after the other (`segmentGuidAt`): one string is copied to
   * another thread as a block, where 36,000 strings took 40 ms to post.
   */
  readonly segmentGuidText: string;
  /** Per segment kept: where its guid ends in `segmentGuidText` (it starts where the one before ends). */
  readonly segmentGuidEnds: Int32Array;
  /**
   * Per segment kept: the index of the first segment kept with its guid (itself but for a guid
   * given twice), whose codings it shares, as codings name a segment by its guid.
   */
  readonly owners: Int32Array;
  /** Per segment kept, four numbers: its document's index in `documents`, its coder's in `coders`, start, end. */
  readonly segments: Float64Array;
  /** Per coding of a kept segment, two numbers: the segment's index (among the kept ones), and the code's guid's index in `codingCodes`. */
  readonly codings: Int32Array;
  /** The codes the codings name, each once (a coding may name a code that is not in `codes`). */
  readonly codingCodes: readonly Guid[];
}

/** The guid of the i-th kept segment. */
export function segmentGuidAt(packed: PackedAgreementInput, i: number): Guid {
  return packed.segmentGuidText.slice(i > 0 ? packed.segmentGuidEnds[i - 1] : 0, packed.segmentGuidEnds[i]);
}

export function packAgreementInput(input: AgreementInput): PackedAgreementInput {
  const documentIndex = new Map(input.documents.map((d, i) => [d.guid, i]));
  const coderIndex = new Map(input.coders.map((c, i) => [c, i]));
  const kept = new Map<Guid, number>();
  const segmentGuids: Guid[] = [];
  // Offsets as doubles: a malformed one (a fraction, a huge number) must reach the report's checks unchanged.
  const segments = new Float64Array(4 * input.segments.length);
  const owners = new Int32Array(input.segments.length);
  for (const segment of input.segments) {
    const d = documentIndex.get(segment.documentGuid);
    const c = coderIndex.get(segment.coderGuid);
    if (d === undefined || c === undefined) continue;
    const at = segmentGuids.length;
    // Codings name a segment by its guid: a guid given twice (a hostile file) reaches both, as before packing.
    const owner = kept.get(segment.guid);
    if (owner === undefined) kept.set(segment.guid, at);
    owners[at] = owner ?? at;
    segmentGuids.push(segment.guid);
    segments[4 * at] = d;
    segments[4 * at + 1] = c;
    // Not a number (a hostile file): NaN, which the report refuses as it refuses the value itself.
    segments[4 * at + 2] = typeof segment.start === 'number' ? segment.start : Number.NaN;
    segments[4 * at + 3] = typeof segment.end === 'number' ? segment.end : Number.NaN;
  }
  const codeIndex = new Map<Guid, number>();
  const codingCodes: Guid[] = [];
  const codings = new Int32Array(2 * input.codings.length);
  let n = 0;
  for (const coding of input.codings) {
    const s = kept.get(coding.segmentGuid);
    if (s === undefined) continue;
    let code = codeIndex.get(coding.codeGuid);
    if (code === undefined) {
      code = codingCodes.length;
      codeIndex.set(coding.codeGuid, code);
      codingCodes.push(coding.codeGuid);
    }
    codings[n++] = s;
    codings[n++] = code;
  }
  return {
    documents: input.documents.map(({ guid, name, length }) => ({ guid, name, length })),
    codes: input.codes,
    coders: input.coders,
    ...(input.codeGuids ? { codeGuids: input.codeGuids } : {}),
    ...(input.documentGuids ? { documentGuids: input.documentGuids } : {}),
    ...(input.domainGuids ? { domainGuids: input.domainGuids } : {}),
    segmentGuidText: segmentGuids.join(''),
    segmentGuidEnds: guidEnds(segmentGuids),
    owners: owners.slice(0, segmentGuids.length),
    segments: segments.slice(0, 4 * segmentGuids.length),
    codings: codings.slice(0, n),
    codingCodes,
  };
}

function guidEnds(guids: readonly Guid[]): Int32Array {
  const ends = new Int32Array(guids.length);
  let at = 0;
  guids.forEach((guid, i) => {
    at += guid.length;
    ends[i] = at;
  });
  return ends;
}

/** Indexes the chosen documents' segments by document; codings of unknown codes are ignored. */
export function indexAgreementInput(input: AgreementInput): AgreementIndex {
  return indexPackedInput(packAgreementInput(input));
}

/**
 * The index of the input that was packed, from the numbers: the codings reach their segments by
 * position, where a map of tens of thousands of GUIDs took most of a report's time on a large
 * project (packing joins them once, in this thread or the one that sends the work).
 */
export function indexPackedInput(packed: PackedAgreementInput): AgreementIndex {
  const { coders, owners, codingCodes } = packed;
  const kept = packed.segmentGuidEnds.length;
  const seen = new Set<Guid>();
  for (const guid of coders) {
    assert(!seen.has(guid), `coder ${guid} is compared once`);
    seen.add(guid);
  }
  const chosen = packed.documentGuids ? new Set(packed.documentGuids) : null;
  // A packed document's place among the compared ones (-1: not compared). Two documents with one
  // guid: the last is the one its segments belong to (packAgreementInput names it).
  const compared: number[] = [];
  const place = new Map<Guid, number>();
  packed.documents.forEach((document, i) => {
    if (chosen && !chosen.has(document.guid)) return;
    place.set(document.guid, compared.length);
    compared.push(i);
  });
  const documents = compared.map((i) => packed.documents[i] as PackedAgreementInput['documents'][number]);
  const comparedIndex = packed.documents.map((document) => place.get(document.guid) ?? -1);

  const known = new Set(packed.codes.map((code) => code.guid));
  const chains = codingCodes.map((guid) => (known.has(guid) ? [...ancestors(packed.codes, guid).map((code) => code.guid), guid] : null));
  // Per segment, the codes of its codings (by index into codingCodes), each once, in codings order.
  const codesOf: (number[] | undefined)[] = new Array(kept);
  for (let i = 0; i < packed.codings.length; i += 2) {
    const s = packed.codings[i] as number;
    const code = packed.codings[i + 1] as number;
    if (!chains[code]) continue;
    const list = codesOf[s];
    if (!list) codesOf[s] = [code];
    else if (!list.includes(code)) list.push(code);
  }

  const segments: IndexedSegment[][] = documents.map(() => []);
  const singles: (readonly (readonly Guid[])[] | undefined)[] = [];
  for (let i = 0; i < kept; i++) {
    const d = comparedIndex[packed.segments[4 * i] as number] ?? -1;
    const codes = codesOf[owners[i] as number];
    if (d < 0 || !codes) continue;
    const coder = packed.segments[4 * i + 1] as number;
    const start = packed.segments[4 * i + 2] as number;
    const end = packed.segments[4 * i + 3] as number;
    const length = documents[d]?.length ?? 0;
    assert(
      Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= length,
      () => `segment ${segmentGuidAt(packed, i)} [${start}, ${end}) lies inside its document of length ${length}`,
    );
    if (end === start) continue;
    // Most segments have one code: they share its list of one chain.
    const single = codes.length === 1 ? (codes[0] as number) : -1;
    const segmentChains = single >= 0 ? (singles[single] ??= [chains[single] as Guid[]]) : codes.map((code) => chains[code] as Guid[]);
    segments[d]?.push({ coder, start, end, chains: segmentChains });
  }
  return indexByCode(coders.length, documents, segments);
}
