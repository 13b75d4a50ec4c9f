import { createCoding, createSegment } from '../domain/factories';
import type { Guid, Segment } from '../domain/model';
import { normalizeSelection } from '../domain/ranges';
import type { MarkeerDb } from '../storage/db';
import { removeCodingAndOrphan } from './codes';
import { CommandAbort, runWrite } from './run';

export interface ApplyCodeInput {
  readonly projectGuid: Guid;
  readonly documentGuid: Guid;
  readonly coderGuid: Guid;
  readonly codeGuid: Guid;
  /** UTF-16 code units of the stored text, half-open; whitespace at the ends is trimmed. */
  readonly start: number;
  readonly end: number;
}

/**
 * Applies a code to a range of a document. The coder's segment with exactly that range gets one
 * more coding; otherwise a new segment is made. Applying a code twice to the same segment does
 * nothing. Returns the segment's GUID.
 */
export async function applyCode(input: ApplyCodeInput, db?: MarkeerDb) {
  const { projectGuid, documentGuid, coderGuid, codeGuid } = input;
  return runWrite({ db, projectGuid, undoLabel: 'history.applyCode' }, async (rec) => {
    // The reads do not depend on each other: issue them together.
    const [stored, code] = await Promise.all([rec.db.documentTexts.get([projectGuid, documentGuid]), rec.db.codes.get([projectGuid, codeGuid])]);
    if (!stored || !code) throw new CommandAbort('not-found');
    const range = normalizeSelection(stored.text, input.start, input.end);
    if (!range) throw new CommandAbort('empty-selection');
    const existing = await rec.db.segments
      .where('[projectGuid+documentGuid+coderGuid+start+end]')
      .equals([projectGuid, documentGuid, coderGuid, range.start, range.end])
      .first();
    if (!existing) {
      const segment = createSegment({ projectGuid, documentGuid, coderGuid, text: stored.text, start: range.start, end: range.end });
      await rec.add('segments', segment);
      await rec.add('codings', createCoding(segment, codeGuid, coderGuid));
      return segment.guid;
    }
    const codings = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, existing.guid]).toArray();
    if (!codings.some((c) => c.codeGuid === codeGuid)) await rec.add('codings', createCoding(existing, codeGuid, coderGuid));
    return existing.guid;
  });
}

/** Removes one code from a segment; a segment left without codes is removed too. */
export async function removeCoding(projectGuid: Guid, segmentGuid: Guid, codeGuid: Guid, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: 'history.removeCoding' }, async (rec) => {
    const codings = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, segmentGuid]).toArray();
    const coding = codings.find((c) => c.codeGuid === codeGuid);
    if (!coding) throw new CommandAbort('not-found');
    await removeCodingAndOrphan(rec, coding);
  });
}

export async function setSegmentComment(projectGuid: Guid, segmentGuid: Guid, comment: string, db?: MarkeerDb) {
  return runWrite({ db, projectGuid, undoLabel: 'history.comment' }, async (rec) => {
    const updated = await rec.update<Segment>('segments', [projectGuid, segmentGuid], { comment });
    if (!updated) throw new CommandAbort('not-found');
  });
}
