/**
 * A `TextSource`'s `PlainTextSelection`s into segments and codings: the position convention is
 * found per source (positions.ts), every selection that does not fit is reported and left out;
 * then selections of one user over the same range become one segment.
 */
import { createGuid } from '../../domain/ids';
import type { Coding, Guid, Segment } from '../../domain/model';
import {
  atWordBoundary,
  candidateConventions,
  collapse,
  describeConvention,
  mapText,
  nameMatch,
  nameMatches,
  nameOccursIn,
  positionStarts,
  toMarkeerRange,
  type MappedText,
} from './positions';
import type { ImportContext } from './import-context';
import type { ImportedSources } from './import-sources';
import type { PositionConvention, RefiDocumentReport } from './types';
import { attr, child, childrenNamed, type XmlElement } from './xml';

/** A range in Markeer's units (UTF-16 code units of the normalised text, end exclusive). */
export interface MarkeerRange {
  readonly start: number;
  readonly end: number;
}

/** A selection as read, before its positions are trusted. */
export interface RawSelection {
  readonly el: XmlElement;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface ImportedSelection {
  /** The selection's GUID from the file (normalised), for notes and links that point at it. */
  readonly selectionGuid: Guid;
  readonly segments: readonly Segment[];
  /** Codings as (segment, code, coder, date) before they get their own GUIDs. */
  readonly codings: readonly { segment: Segment; codeGuid: Guid; coderGuid: Guid; createdAt: string; guid: Guid }[];
  /** Description of the selection (MAXQDA memo shape), and notes referenced from it or its codings. */
  readonly description: string;
  readonly noteRefs: readonly Guid[];
}

const label = (s: RawSelection): string => (s.name ? `“${collapse(s.name).slice(0, 60)}”` : `(${s.start}–${s.end})`);

export function readSelections(source: XmlElement): RawSelection[] {
  return childrenNamed(source, 'PlainTextSelection').map((el) => ({
    el,
    name: attr(el, 'name') ?? '',
    start: Number(attr(el, 'startPosition')),
    end: Number(attr(el, 'endPosition')),
  }));
}

interface Decision {
  readonly convention: PositionConvention;
  readonly decidedBy: RefiDocumentReport['decidedBy'];
  readonly starts: Int32Array;
  /** Selections whose name is text of this document: they must match it. */
  readonly textual: ReadonlySet<RawSelection>;
}

/**
 * What the writing tool is known to do (README "Real exporters disagree"), from `Project@origin`:
 * only a tie-break, for selections that fit several conventions equally well.
 */
export function conventionOf(origin: string | undefined): Partial<PositionConvention> {
  if (!origin) return {};
  if (/^markeer/i.test(origin)) return /utf-16/i.test(origin) ? { unit: 'utf16' } : { unit: 'codepoints' };
  if (/nvivo/i.test(origin)) return { unit: 'utf16', bomCounted: false, crlf: 2 };
  if (/atlas\.ti/i.test(origin)) return { crlf: 1 };
  return {};
}

const agreement = (c: PositionConvention, prefer: Partial<PositionConvention>): number =>
  (Object.keys(prefer) as (keyof PositionConvention)[]).filter((k) => prefer[k] === c[k]).length;

/**
 * The convention under which most selections whose name holds text match that text (an exact
 * match weighs more than a cut name); without any such match, the one under which most
 * selections fit, then the one the writing tool is known for, then the one under which most
 * selection ends fall on word boundaries. Ties keep the earlier candidate: the standard's code
 * points first.
 */
export function decideConvention(mapped: MappedText, selections: readonly RawSelection[], prefer: Partial<PositionConvention> = {}): Decision {
  const candidates = candidateConventions(mapped);
  const collapsed = collapse(mapped.normalized);
  // Names that are text somewhere: matched under some convention, or found in the text.
  const textual = new Set(selections.filter((s) => s.name !== '' && nameOccursIn(s.name, collapsed)));
  let best: { convention: PositionConvention; starts: Int32Array } | null = null;
  let bestScore = [-1, -1, -1, -1];
  for (const convention of candidates) {
    const starts = positionStarts(mapped.raw, mapped.hadBom, convention);
    let fits = 0;
    let matches = 0;
    let boundaries = 0;
    for (const s of selections) {
      const range = toMarkeerRange(starts, mapped, s.start, s.end);
      if (!range) continue;
      fits++;
      const match = s.name === '' ? null : nameMatch(s.name, mapped.normalized.slice(range.start, range.end));
      if (match) {
        textual.add(s);
        matches += match === 'exact' ? 2 : 1;
      }
      if (atWordBoundary(mapped.normalized, range.start)) boundaries++;
      if (atWordBoundary(mapped.normalized, range.end)) boundaries++;
    }
    // What the writing tool is known to do outweighs word boundaries, not evidence from names.
    const score = [matches, fits, agreement(convention, prefer), boundaries];
    const better = score.findIndex((v, i) => v !== bestScore[i]);
    if (better !== -1 && score[better]! > bestScore[better]!) {
      bestScore = score;
      best = { convention, starts };
    }
  }
  const decidedBy = selections.length === 0 ? 'no-selections' : bestScore[0]! > 0 ? 'selection-names' : 'word-boundaries';
  return { ...best!, textual, decidedBy };
}

/**
 * The segments of one source. One segment per selection and coder: codings by another user than
 * the selection's become that user's segment over the same range, so that agreement sees them.
 */
export function importSelections(
  ctx: ImportContext,
  documentName: string,
  documentGuid: Guid,
  decoded: string,
  selections: readonly RawSelection[],
  prefer: Partial<PositionConvention>,
): { text: string; selections: ImportedSelection[]; report: RefiDocumentReport; toRange: (start: number, end: number) => MarkeerRange | null } {
  const mapped = mapText(decoded);
  const decision = decideConvention(mapped, selections, prefer);
  const text = mapped.normalized;
  const out: ImportedSelection[] = [];
  for (const s of selections) {
    const where = `selection ${label(s)} in “${documentName}”`;
    const range = toMarkeerRange(decision.starts, mapped, s.start, s.end);
    if (!range) {
      ctx.discarded.push(`${where}: positions ${attr(s.el, 'startPosition')}–${attr(s.el, 'endPosition')} lie outside the text`);
      continue;
    }
    const segmentText = text.slice(range.start, range.end);
    if (decision.textual.has(s) && !nameMatches(s.name, segmentText)) {
      ctx.discarded.push(`${where}: its positions do not cover its text (found “${collapse(segmentText).slice(0, 60)}”)`);
      continue;
    }
    if (range.end <= range.start) {
      ctx.discarded.push(`${where}: covers only white space that Markeer removes`);
      continue;
    }
    const selectionGuid = ctx.guid(attr(s.el, 'guid'), where, 'selection');
    const createdAt = ctx.date(attr(s.el, 'creationDateTime'));
    const codingEls = childrenNamed(s.el, 'Coding');
    const ownerRaw = attr(s.el, 'creatingUser') ?? (codingEls[0] ? attr(codingEls[0], 'creatingUser') : undefined);
    const owner = ctx.coder(ownerRaw);
    const segmentsByCoder = new Map<Guid, Segment>();
    const segmentFor = (coderGuid: Guid): Segment => {
      let seg = segmentsByCoder.get(coderGuid);
      if (!seg) {
        const guid = segmentsByCoder.size === 0 ? selectionGuid : createGuid();
        seg = { guid, projectGuid: ctx.projectGuid, documentGuid, coderGuid, start: range.start, end: range.end, text: segmentText, comment: '', createdAt };
        segmentsByCoder.set(coderGuid, seg);
      }
      return seg;
    };
    segmentFor(owner.guid);
    const codings: ImportedSelection['codings'][number][] = [];
    const noteRefs: Guid[] = [];
    for (const c of codingEls) {
      const codeRef = child(c, 'CodeRef');
      const codeGuid = ctx.ref(codeRef ? attr(codeRef, 'targetGUID') : undefined);
      if (codeGuid === undefined || !ctx.codes.has(codeGuid)) {
        ctx.discarded.push(`a coding of ${where}: its code ${codeGuid ?? '(none)'} is not in the codebook`);
        continue;
      }
      const coder = attr(c, 'creatingUser') === undefined ? owner : ctx.coder(attr(c, 'creatingUser'));
      const segment = segmentFor(coder.guid);
      if (codings.some((x) => x.segment === segment && x.codeGuid === codeGuid)) continue;
      codings.push({ segment, codeGuid, coderGuid: coder.guid, createdAt: ctx.date(attr(c, 'creationDateTime') ?? attr(s.el, 'creationDateTime')), guid: ctx.guid(attr(c, 'guid'), `a coding of ${where}`, 'coding') });
      for (const ref of childrenNamed(c, 'NoteRef')) {
        const g = ctx.ref(attr(ref, 'targetGUID'));
        if (g) noteRefs.push(g);
      }
    }
    for (const ref of childrenNamed(s.el, 'NoteRef')) {
      const g = ctx.ref(attr(ref, 'targetGUID'));
      if (g) noteRefs.push(g);
    }
    // The selection's own user keeps a segment without codings only when nobody else coded it.
    const coded = [...segmentsByCoder.values()].filter((seg) => codings.some((x) => x.segment === seg));
    out.push({
      selectionGuid,
      segments: coded.length > 0 ? coded : [...segmentsByCoder.values()].slice(0, 1),
      codings,
      description: child(s.el, 'Description')?.text ?? '',
      noteRefs,
    });
  }
  return {
    text,
    selections: out,
    report: { name: documentName, positionConvention: describeConvention(decision.convention, mapped), decidedBy: decision.decidedBy },
    toRange: (start, end) => toMarkeerRange(decision.starts, mapped, start, end),
  };
}

/**
 * Markeer keeps one segment per coder and range: selections of the same user over the same range
 * become one segment with all their codes and comments (a comment they repeat is kept once).
 * `comments` are per selection GUID. `alias` maps each merged segment to the one it went into.
 */
export function keepOneSegmentPerRange(
  ctx: ImportContext,
  sources: ImportedSources,
  comments: ReadonlyMap<Guid, readonly string[]>,
): { segments: Segment[]; codings: Coding[]; alias: Map<Guid, Guid> } {
  const kept = new Map<string, Segment>();
  const alias = new Map<Guid, Guid>();
  for (const s of sources.segments) {
    const key = `${s.documentGuid} ${s.coderGuid} ${s.start} ${s.end}`;
    const first = kept.get(key);
    if (first) alias.set(s.guid, first.guid);
    else kept.set(key, s);
  }
  if (alias.size > 0) ctx.warnings.push(`${alias.size} selection${alias.size === 1 ? '' : 's'} repeating a user's selection over the same text ${alias.size === 1 ? 'was' : 'were'} merged into it`);
  const commented = new Map<Guid, string[]>();
  for (const [selectionGuid, list] of comments) {
    for (const seg of sources.selections.get(selectionGuid)?.segments ?? []) {
      const target = alias.get(seg.guid) ?? seg.guid;
      const texts = commented.get(target) ?? [];
      for (const text of list) if (!texts.includes(text)) texts.push(text);
      commented.set(target, texts);
    }
  }
  const segments = [...kept.values()].map((s) => (commented.has(s.guid) ? { ...s, comment: commented.get(s.guid)!.join('\n\n') } : s));
  const codingKeys = new Set<string>();
  const codings = sources.codings
    .map((c) => ({ ...c, segmentGuid: alias.get(c.segmentGuid) ?? c.segmentGuid }))
    .filter((c) => {
      const key = `${c.segmentGuid} ${c.codeGuid}`;
      if (codingKeys.has(key)) return false;
      codingKeys.add(key);
      return true;
    });
  return { segments, codings, alias };
}
