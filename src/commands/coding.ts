import { createCoding, createSegment } from '../domain/factories';
import type { Coding, Guid, Segment } from '../domain/model';
import { normalizeSelection } from '../domain/ranges';
import type { Change } from '../storage/changes';
import { keyOf, type MarkeerDb, type TableName } from '../storage/db';
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

/** What this tab already holds of the document a code is applied to (the open document). */
export interface KnownDocument {
  readonly text: string;
  /** The coder's segment with exactly this range, if there is one. */
  segmentAt(coderGuid: Guid, start: number, end: number): Segment | undefined;
  codingsOf(segmentGuid: Guid): readonly Coding[];
}

/** The rows applying a code adds: a new segment with its coding, or a coding on an existing segment. */
export interface ApplyCodePlan {
  readonly segment?: Segment;
  readonly coding?: Coding;
}

/**
 * Works out, from what this tab holds, the rows `applyCode` will add, so that the screen can show
 * them before the transaction commits. Null when the selection holds no text. `applyCode` writes
 * exactly these rows (same GUIDs) when the database agrees with what this tab knew.
 */
export function planApplyCode(input: ApplyCodeInput, known: KnownDocument): ApplyCodePlan | null {
  const range = normalizeSelection(known.text, input.start, input.end);
  if (!range) return null;
  const existing = known.segmentAt(input.coderGuid, range.start, range.end);
  if (!existing) {
    const segment = createSegment({ ...input, text: known.text, start: range.start, end: range.end });
    return { segment, coding: createCoding(segment, input.codeGuid, input.coderGuid) };
  }
  if (known.codingsOf(existing.guid).some((c) => c.codeGuid === input.codeGuid)) return {};
  return { coding: createCoding(existing, input.codeGuid, input.coderGuid) };
}

function plannedChanges(plan: ApplyCodePlan | undefined): Change[] {
  const rows: [TableName, object | undefined][] = [['segments', plan?.segment], ['codings', plan?.coding]];
  return rows.flatMap(([table, row]) => (row ? [{ table, key: keyOf(table, row as Record<string, unknown>), before: undefined, after: row as Record<string, unknown> }] : []));
}

/**
 * Applies a code to a range of a document. The coder's segment with exactly that range gets one
 * more coding; otherwise a new segment is made. Applying a code twice to the same segment does
 * nothing. Returns the segment's GUID.
 *
 * With a `plan` (planApplyCode), its rows show in this tab at once and are the ones written when
 * the database agrees with the plan (same range, same text, same existing segment); otherwise the
 * command decides afresh and the screen follows what was committed. A failure takes them back.
 */
export async function applyCode(input: ApplyCodeInput, db?: MarkeerDb, plan?: ApplyCodePlan) {
  const { projectGuid, documentGuid, coderGuid, codeGuid } = input;
  return runWrite({ db, projectGuid, undoLabel: 'history.applyCode', expected: plannedChanges(plan) }, async (rec) => {
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
      const planned = plan?.segment;
      const fits = planned && planned.start === range.start && planned.end === range.end && planned.text === stored.text.slice(range.start, range.end);
      const segment = fits ? planned : createSegment({ projectGuid, documentGuid, coderGuid, text: stored.text, start: range.start, end: range.end });
      await rec.add('segments', segment);
      await rec.add('codings', fits && plan.coding ? plan.coding : createCoding(segment, codeGuid, coderGuid));
      return segment.guid;
    }
    const codings = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, existing.guid]).toArray();
    if (!codings.some((c) => c.codeGuid === codeGuid)) {
      const planned = plan?.coding;
      await rec.add('codings', planned && !plan.segment && planned.segmentGuid === existing.guid ? planned : createCoding(existing, codeGuid, coderGuid));
    }
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
