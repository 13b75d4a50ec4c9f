/**
 * Memos and segment comments as REFI-QDA `Note`s, in the shapes both the standard and QualCoder's
 * importer (refi.py, `parse_notes`, `insert_annotation`, `load_text_source`) read:
 *
 * - a memo on the project, a document or a code: a Note with `plainTextPath` pointing at
 *   `internal://<guid>.txt` in `sources/` (QualCoder reads a note's text only from that file and
 *   makes it a journal), referenced by `NoteRef` from what it is about;
 * - a memo on a segment: a Note with `PlainTextContent` and its own `PlainTextSelection` (the
 *   segment's range), referenced by `NoteRef` from the segment's selection (the standard) and from
 *   its `TextSource` (QualCoder reads this as an annotation at that range). QualCoder keeps one
 *   annotation per passage and user (its table is unique on fid, pos0, pos1, owner; a second one
 *   stops its import), and a selection without codes is itself an annotation there: a memo whose
 *   passage and author already have one is written like a project memo (a journal there), and the
 *   first memo by its coder on a segment without codes or comment is that selection's annotation
 *   (its `Description`, the Note then inline and referenced from the selection only);
 * - a segment's comment: a Note with `PlainTextContent` whose GUID is derived from the segment's,
 *   referenced from the selection (QualCoder ignores it and reads the selection's Description).
 *
 * A note carries its text in one place, as the schema says ("Either PlainTextContent or
 * plainTextPath MUST be filled, not both"). Every note has a creationDateTime (QualCoder cannot
 * read a note without one) and a name no other note has (see uniqueNames).
 */
import type { Guid, Memo, MemoTargetKind, Segment } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import { derivedGuid, documentDescription, firstCodePoints, noteName, uniqueNames } from './naming';
import { element, textElement } from './xml';

/** Where a note's text lives in the zip, and how the note refers to it. */
export const noteFilePath = (noteGuid: Guid): string => `sources/${noteGuid}.txt`;
const internalPath = (noteGuid: Guid): string => `internal://${noteGuid}.txt`;

/** An xsd:dateTime in UTC with Z; undefined for what is not a date. */
export function utc(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const t = new Date(timestamp);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** The notes of a project as written, and the references to them from the elements they are about. */
export interface WrittenNotes {
  /** `<Note>` elements for the project's `Notes`. */
  readonly notes: readonly string[];
  /** The text files notes point at: path in the zip and UTF-8 text. */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** `<NoteRef>`s to the memos about one project, document, code or segment. */
  refs(kind: MemoTargetKind, targetGuid: Guid | null): string[];
  /** The `<NoteRef>` to a segment's comment, '' when it has none. */
  commentRef(segmentGuid: Guid): string;
  /** `<NoteRef>`s from a TextSource to the memos on its segments (QualCoder's annotations). */
  annotationRefs(documentGuid: Guid): string[];
  /** The document's memos as one text for its TextSource `Description` ('' when it has none). */
  description(documentGuid: Guid): string;
  /** A selection's `Description`: the segment's comment, else the memo that is its QualCoder annotation; '' for none. */
  selectionDescription(segment: Segment): string;
}

interface Draft {
  readonly guid: Guid;
  readonly name: string;
  readonly attrs: readonly (readonly [string, string | undefined])[];
  /** The note's text inline (PlainTextContent), or null when it is in a file. */
  readonly inline: string | null;
  /** A segment memo's own selection. */
  readonly selection: string;
}

/** Appends to the list under a key, making the list when it is the first. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The Notes of a project. `position` converts a UTF-16 offset in a document's text to a position
 * in the file's convention; `now` dates what has no date of its own; `creator` (a listed user)
 * stands in for an author who is not among the coders, so that no importer invents a user.
 */
export async function writeNotes(data: ProjectData, position: (documentGuid: Guid, offset: number) => number, now: string, creator: Guid): Promise<WrittenNotes> {
  const coders = new Set(data.coders.map((c) => c.guid));
  const segments = new Map(data.segments.map((s) => [s.guid, s]));
  const documents = new Set(data.documents.map((d) => d.guid));
  const memos = [...data.memos].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.guid < b.guid ? -1 : 1));
  const byTarget = new Map<string, Memo[]>();
  const annotations = new Map<Guid, Memo[]>();
  const drafts: Draft[] = [];
  const files: { path: string; text: string }[] = [];
  // QualCoder's annotations by passage and user: each selection without codes holds one.
  const coded = new Set(data.codings.map((c) => c.segmentGuid));
  const slot = (s: Segment, user: Guid): string => `${s.documentGuid} ${s.start} ${s.end} ${user}`;
  const slots = new Set(data.segments.filter((s) => !coded.has(s.guid)).map((s) => slot(s, s.coderGuid)));
  const folded = new Map<Guid, Memo>();

  for (const m of memos) {
    push(byTarget, `${m.targetKind} ${m.targetGuid ?? ''}`, m);
    const author = coders.has(m.authorGuid) ? m.authorGuid : creator;
    const dates = [
      ['creatingUser', author],
      ['creationDateTime', utc(m.createdAt) ?? now],
      ['modifiedDateTime', utc(m.updatedAt)],
    ] as const;
    const segment = m.targetKind === 'segment' && m.targetGuid ? segments.get(m.targetGuid) : undefined;
    if (segment && documents.has(segment.documentGuid) && !coded.has(segment.guid) && segment.comment === '' && author === segment.coderGuid && !folded.has(segment.guid)) {
      folded.set(segment.guid, m);
      drafts.push({ guid: m.guid, name: noteName(m), attrs: dates, inline: m.text, selection: '' });
    } else if (segment && documents.has(segment.documentGuid) && !slots.has(slot(segment, author))) {
      slots.add(slot(segment, author));
      push(annotations, segment.documentGuid, m);
      drafts.push({ guid: m.guid, name: noteName(m), attrs: dates, inline: m.text, selection: await ownSelection(m, segment, position) });
    } else {
      drafts.push({ guid: m.guid, name: noteName(m), attrs: [['plainTextPath', internalPath(m.guid)], ...dates], inline: null, selection: '' });
      files.push({ path: noteFilePath(m.guid), text: m.text });
    }
  }

  const comments = new Map<Guid, Guid>();
  const bySegmentOrder = [...data.segments].sort((a, b) => (a.documentGuid < b.documentGuid ? -1 : a.documentGuid > b.documentGuid ? 1 : a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : 1)));
  for (const s of bySegmentOrder) {
    if (s.comment === '' || !documents.has(s.documentGuid)) continue;
    const guid = await derivedGuid(s.guid, 'comment');
    comments.set(s.guid, guid);
    drafts.push({
      guid,
      name: `Comment: ${firstCodePoints(s.text, 40)}`,
      attrs: [
        ['creatingUser', s.coderGuid],
        ['creationDateTime', utc(s.createdAt) ?? now],
      ],
      inline: s.comment,
      selection: '',
    });
  }

  const { names, renamed } = uniqueNames(drafts.map((d) => d.name));
  const notes = drafts.map((d, i) =>
    element('Note', [['guid', d.guid], ['name', names[i]], ...d.attrs], [
      // A numbered name keeps the name it had in the Description, so that import reads it back.
      renamed[i] ? textElement('Description', d.name) : '',
      d.inline === null ? '' : textElement('PlainTextContent', d.inline),
      d.selection,
    ]),
  );
  const noteRef = (guid: Guid): string => element('NoteRef', [['targetGUID', guid]]);
  return {
    notes,
    files,
    refs: (kind, targetGuid) => (byTarget.get(`${kind} ${targetGuid ?? ''}`) ?? []).map((m) => noteRef(m.guid)),
    commentRef: (segmentGuid) => {
      const guid = comments.get(segmentGuid);
      return guid ? noteRef(guid) : '';
    },
    annotationRefs: (documentGuid) => (annotations.get(documentGuid) ?? []).map((m) => noteRef(m.guid)),
    description: (documentGuid) => documentDescription(byTarget.get(`document ${documentGuid}`) ?? []),
    selectionDescription: (segment) => segment.comment || (folded.get(segment.guid)?.text ?? ''),
  };
}

/** A segment memo's own selection over the segment's range, as QualCoder writes its annotations; its GUID is derived from the memo's. */
async function ownSelection(memo: Memo, segment: Segment, position: (documentGuid: Guid, offset: number) => number): Promise<string> {
  return element('PlainTextSelection', [
    ['guid', await derivedGuid(memo.guid, 'selection')],
    ['startPosition', position(segment.documentGuid, segment.start)],
    ['endPosition', position(segment.documentGuid, segment.end)],
  ]);
}
