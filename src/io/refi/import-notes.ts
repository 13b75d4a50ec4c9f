/**
 * REFI-QDA `Notes`, `Links` and `Description`s as memos and segment comments, in every vendor's
 * shape (README "Memos differ by vendor"):
 *
 * - on a selection: a `NoteRef` (standard, NVivo), a `Link` (ATLAS.ti), a Note holding a
 *   `PlainTextSelection` with the selection's GUID: segment memos; the selection's `Description`
 *   (MAXQDA, QualCoder's coding memo) and Markeer's own comment Note: the segment's comment;
 * - on a text source: a `NoteRef` to a Note: a document memo; a `NoteRef` to a Note holding its own
 *   `PlainTextSelection` (QualCoder's annotation): a memo on a segment at that range; the source's
 *   `Description` (QualCoder's document memo, the standard's Annex A.3): a document memo;
 * - on a code: a `NoteRef`: a code memo;
 * - on the project: a `NoteRef`, or no reference at all: a project memo; the project's
 *   `Description` (QualCoder's project memo): a project memo.
 *
 * A note becomes one memo, about the first thing that claims it, in the order above.
 */
import { createGuid } from '../../domain/ids';
import type { Coder, Guid, Memo, MemoTargetKind, Segment } from '../../domain/model';
import { decodeText, findFile, type RefiContainer } from './container';
import type { ImportContext } from './import-context';
import type { ImportedSource, ImportedSources } from './import-sources';
import { asXmlReadsIt, derivedGuid, documentDescription, unnumberedName, untitledNoteName } from './naming';
import { attr, child, childrenNamed, type XmlElement } from './xml';

/** A `PlainTextSelection` inside a Note: the range the note is about (QualCoder's annotations). */
export interface InnerSelection {
  readonly guid: Guid | undefined;
  readonly start: number;
  readonly end: number;
}

export interface NoteInfo {
  readonly guid: Guid;
  /** For messages: the name, or "unnamed note". */
  readonly name: string;
  /** The name as it was before Markeer numbered it ('' when the note has none): a memo's title. */
  readonly title: string;
  readonly text: string;
  /** creatingUser, else modifyingUser; undefined when neither names anyone. */
  readonly user: string | undefined;
  readonly createdAt: string | undefined;
  readonly modifiedAt: string | undefined;
  readonly inner: InnerSelection | undefined;
}

/** A note's text file as Markeer reads it back: byte-order mark dropped, CRLF as LF, nothing else changed. */
const noteFileText = (bytes: Uint8Array): string => decodeText(bytes).text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');

/** The project's `Notes`, by GUID. A note's text is its PlainTextContent, else its file, else its Description. */
export function readNotes(ctx: ImportContext, container: RefiContainer): Map<Guid, NoteInfo> {
  const notesEl = child(container.root, 'Notes');
  const notes = new Map<Guid, NoteInfo>();
  for (const note of notesEl ? childrenNamed(notesEl, 'Note') : []) {
    const written = attr(note, 'name')?.trim() ?? '';
    const name = written || 'unnamed note';
    const guid = ctx.guid(attr(note, 'guid'), `note “${name}”`, 'note');
    const description = child(note, 'Description')?.text;
    let text = child(note, 'PlainTextContent')?.text;
    const path = attr(note, 'plainTextPath');
    if (text === undefined && path) {
      const file = findFile(container, path);
      if (file) text = noteFileText(file.bytes);
    }
    const innerEl = child(note, 'PlainTextSelection');
    const start = Number(innerEl ? attr(innerEl, 'startPosition') : undefined);
    const end = Number(innerEl ? attr(innerEl, 'endPosition') : undefined);
    notes.set(guid, {
      guid,
      name,
      title: unnumberedName(written, description?.trim()),
      text: text ?? description ?? '',
      user: [attr(note, 'creatingUser'), attr(note, 'modifyingUser')].find((u) => u !== undefined && u.trim() !== ''),
      createdAt: attr(note, 'creationDateTime') ?? attr(note, 'modifiedDateTime'),
      modifiedAt: attr(note, 'modifiedDateTime'),
      inner: innerEl && Number.isInteger(start) && Number.isInteger(end) ? { guid: ctx.ref(attr(innerEl, 'guid')), start, end } : undefined,
    });
  }
  return notes;
}

/** The memos made so far, and which notes they used: a note becomes one memo. */
export class MemoCollector {
  readonly memos: Memo[] = [];
  private readonly used = new Set<Guid>();

  constructor(
    private readonly ctx: ImportContext,
    readonly notes: ReadonlyMap<Guid, NoteInfo>,
  ) {}

  /** A note nothing has claimed yet. */
  free(guid: Guid | undefined): NoteInfo | undefined {
    const note = guid === undefined ? undefined : this.notes.get(guid);
    return note && !this.used.has(note.guid) ? note : undefined;
  }

  /** Marks a note as used without a memo (a comment, say); false when it was taken already. */
  claim(guid: Guid): boolean {
    if (!this.free(guid)) return false;
    this.used.add(guid);
    return true;
  }

  /** The coder who wrote a note; null when it names nobody (the project owner, later). */
  author(note: NoteInfo): Coder | null {
    return note.user === undefined ? null : this.ctx.coder(note.user);
  }

  /** The note as a memo about the target, when no earlier element claimed it. */
  fromNote(guid: Guid | undefined, targetKind: MemoTargetKind, targetGuid: Guid | null): boolean {
    const note = this.free(guid);
    if (!note) return false;
    this.used.add(note.guid);
    this.fromClaimed(note, targetKind, targetGuid);
    return true;
  }

  /** A note claimed earlier (an annotation waiting for its segment) as a memo about the target. */
  fromClaimed(note: NoteInfo, targetKind: MemoTargetKind, targetGuid: Guid | null): void {
    const createdAt = this.ctx.date(note.createdAt);
    this.memos.push({
      guid: note.guid,
      projectGuid: this.ctx.projectGuid,
      title: note.title === untitledNoteName(note.text) ? '' : note.title,
      text: note.text,
      rich: null,
      targetKind,
      targetGuid,
      authorGuid: this.author(note)?.guid ?? '',
      createdAt,
      updatedAt: note.modifiedAt ? this.ctx.date(note.modifiedAt) : createdAt,
    });
  }

  /** A memo from a Description: untitled, by `user` (else the owner), dated `createdAt` (else the project's date). */
  fromText(text: string, targetKind: MemoTargetKind, targetGuid: Guid | null, user: string | undefined, createdAt: string | undefined): void {
    const date = createdAt ? this.ctx.date(createdAt) : this.ctx.fallbackDate;
    const author = user === undefined || user.trim() === '' ? null : this.ctx.coder(user);
    this.memos.push({ guid: createGuid(), projectGuid: this.ctx.projectGuid, title: '', text, rich: null, targetKind, targetGuid, authorGuid: author?.guid ?? '', createdAt: date, updatedAt: date });
  }
}

/** Adds a text to a list unless it is blank or already there. */
function addText(map: Map<Guid, string[]>, key: Guid, text: string): void {
  if (text.trim() === '') return;
  const list = map.get(key) ?? [];
  if (!list.some((t) => asXmlReadsIt(t) === asXmlReadsIt(text))) list.push(text);
  map.set(key, list);
}

/**
 * Notes and descriptions on selections: returns the comments per selection GUID (its Description
 * and Markeer's own comment Note, once when both say the same), and makes every other note on a
 * selection (NoteRef, Link, a Note holding the selection's GUID) a memo on its segment.
 */
export async function importSelectionNotes(ctx: ImportContext, root: XmlElement, sources: ImportedSources, memos: MemoCollector): Promise<Map<Guid, string[]>> {
  const comments = new Map<Guid, string[]>();
  const segmentMemo = (noteGuid: Guid, selectionGuid: Guid): void => {
    const segment = sources.selections.get(selectionGuid)?.segments[0];
    if (segment) memos.fromNote(noteGuid, 'segment', segment.guid);
  };
  for (const sel of sources.selections.values()) {
    const ownComment = sel.noteRefs.length > 0 ? await derivedGuid(sel.selectionGuid, 'comment') : null;
    // A Description that only repeats a memo the selection refers to is that memo (Markeer writes
    // one memo of a segment without codes so, as QualCoder's annotation), not a comment.
    const repeatsMemo = sel.noteRefs.some((g) => {
      const note = g === ownComment ? undefined : memos.free(g);
      return note !== undefined && asXmlReadsIt(note.text) === asXmlReadsIt(sel.description);
    });
    if (!repeatsMemo) addText(comments, sel.selectionGuid, sel.description);
    for (const g of sel.noteRefs) {
      const note = memos.free(g);
      if (note && g === ownComment) {
        memos.claim(g);
        addText(comments, sel.selectionGuid, note.text);
      } else if (note) segmentMemo(g, sel.selectionGuid);
    }
  }
  const linksEl = child(root, 'Links');
  for (const link of linksEl ? childrenNamed(linksEl, 'Link') : []) {
    const a = ctx.ref(attr(link, 'originGUID')) ?? '';
    const b = ctx.ref(attr(link, 'targetGUID')) ?? '';
    const [noteGuid, selectionGuid] = memos.notes.has(a) && sources.selections.has(b) ? [a, b] : memos.notes.has(b) && sources.selections.has(a) ? [b, a] : [null, null];
    // ATLAS.ti: a Note and a Link between it and the selection.
    if (noteGuid && selectionGuid) segmentMemo(noteGuid, selectionGuid);
    else ctx.discarded.push(`link “${attr(link, 'name') ?? attr(link, 'guid') ?? ''}”: links between elements are not imported`);
  }
  // A Note holding a PlainTextSelection with the GUID of a selection in the sources.
  for (const note of memos.notes.values()) {
    if (note.inner?.guid !== undefined && sources.selections.has(note.inner.guid)) segmentMemo(note.guid, note.inner.guid);
  }
  return comments;
}

/** A note holding a range of a source, to become a memo on a segment there. */
export interface Annotation {
  readonly note: NoteInfo;
  readonly source: ImportedSource;
}

/**
 * Notes a text source refers to: document memos, except notes holding their own selection
 * (QualCoder's annotations), which are returned to become memos on segments at their range. Then
 * the source's Description, unless it only repeats the document memos as Markeer writes them
 * (documentDescription), becomes a document memo too.
 */
export function importDocumentNotes(sources: ImportedSources, memos: MemoCollector): Annotation[] {
  const annotations: Annotation[] = [];
  for (const source of sources.sources) {
    const before = memos.memos.length;
    for (const g of source.noteRefs) {
      const note = memos.free(g);
      if (note?.inner) {
        memos.claim(g);
        annotations.push({ note, source });
      } else if (note) memos.fromNote(g, 'document', source.documentGuid);
    }
    const description = source.description;
    if (description === undefined || description.trim() === '') continue;
    const own = memos.memos.slice(before);
    if (own.length > 0 && asXmlReadsIt(documentDescription(own)) === asXmlReadsIt(description)) continue;
    memos.fromText(description.trim(), 'document', source.documentGuid, source.creatingUser, source.createdAt || undefined);
  }
  return annotations;
}

/**
 * Notes holding a range that nothing claimed: QualCoder refers only to the first annotation of
 * each document from its TextSource (refi.py `sources_xml`), so the others name no document. Such
 * a note goes to the one document whose text its range fits (a warning says so); when it fits
 * none or several, it becomes a project memo, and the range it loses is reported.
 */
export function strayAnnotations(ctx: ImportContext, sources: ImportedSources, memos: MemoCollector): Annotation[] {
  const out: Annotation[] = [];
  for (const note of memos.notes.values()) {
    const inner = note.inner;
    if (!inner || !memos.free(note.guid)) continue;
    const fits = sources.sources.filter((s) => {
      const range = s.toRange(inner.start, inner.end);
      return range !== null && range.end > range.start;
    });
    if (fits.length === 1) {
      memos.claim(note.guid);
      out.push({ note, source: fits[0]! });
      continue;
    }
    memos.fromNote(note.guid, 'project', null);
    const why = fits.length === 0 ? 'its range fits no document' : `its range fits ${fits.length} documents`;
    ctx.discarded.push(`the range ${inner.start}–${inner.end} of note “${note.name}”: no document refers to the note and ${why}, so it became a project memo`);
  }
  if (out.length > 0) {
    ctx.warnings.push(
      `${out.length} note${out.length === 1 ? '' : 's'} holding a range no document refers to (QualCoder refers to the first annotation of a document only) ${out.length === 1 ? 'was' : 'were'} placed in the only document whose text the range fits`,
    );
  }
  return out;
}

/**
 * Each annotation as a memo on a segment over its range: the segment the note's author has there,
 * else any segment with exactly that range, else a new segment without codes by the author (or
 * `owner` when the note names nobody). A range that does not fit the text is reported, and the
 * note becomes a memo on the document. Returns the new segments.
 */
export function placeAnnotations(ctx: ImportContext, annotations: readonly Annotation[], segments: readonly Segment[], memos: MemoCollector, owner: () => Coder): Segment[] {
  const byRange = new Map<string, Segment[]>();
  const key = (documentGuid: Guid, start: number, end: number): string => `${documentGuid} ${start} ${end}`;
  for (const s of segments) {
    const k = key(s.documentGuid, s.start, s.end);
    const list = byRange.get(k);
    if (list) list.push(s);
    else byRange.set(k, [s]);
  }
  const created: Segment[] = [];
  for (const { note, source } of annotations) {
    const inner = note.inner!;
    const range = source.toRange(inner.start, inner.end);
    if (!range || range.end <= range.start) {
      const why = range ? 'it covers only white space that Markeer removes' : 'it lies outside the text';
      ctx.discarded.push(`the range ${inner.start}–${inner.end} of note “${note.name}” on “${source.name}”: ${why}; the note became a memo on the document`);
      memos.fromClaimed(note, 'document', source.documentGuid);
      continue;
    }
    const coder = memos.author(note) ?? owner();
    const k = key(source.documentGuid, range.start, range.end);
    const same = byRange.get(k) ?? [];
    let segment = same.find((s) => s.coderGuid === coder.guid) ?? same[0];
    if (!segment) {
      segment = {
        guid: createGuid(),
        projectGuid: ctx.projectGuid,
        documentGuid: source.documentGuid,
        coderGuid: coder.guid,
        start: range.start,
        end: range.end,
        text: source.text.slice(range.start, range.end),
        comment: '',
        createdAt: ctx.date(note.createdAt),
      };
      created.push(segment);
      byRange.set(k, [segment]);
    }
    memos.fromClaimed(note, 'segment', segment.guid);
  }
  return created;
}

/** Notes the project refers to: project memos. */
export function importProjectNotes(ctx: ImportContext, root: XmlElement, memos: MemoCollector): void {
  for (const ref of childrenNamed(root, 'NoteRef')) memos.fromNote(ctx.ref(attr(ref, 'targetGUID')), 'project', null);
}

/** Notes nothing refers to (a journal, a research plan): project memos. */
export function importUnreferencedNotes(memos: MemoCollector): void {
  for (const guid of memos.notes.keys()) memos.fromNote(guid, 'project', null);
}

/** The project's `Description` (QualCoder's project memo): a project memo when it has text. */
export function importProjectDescription(root: XmlElement, memos: MemoCollector): void {
  const text = child(root, 'Description')?.text.trim();
  if (text) memos.fromText(text, 'project', null, undefined, undefined);
}
