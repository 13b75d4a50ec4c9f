/**
 * Open coding (phase 2 of thematic analysis): a selection becomes a new code in one step, the
 * code made at the top of the codebook and applied to the selection, undone together. An
 * in-vivo code is named after the selected words themselves.
 */
import type { Result } from '../domain/assert';
import { nextColor, nextOrder } from '../domain/codebook';
import { createCode, createCoding, createSegment } from '../domain/factories';
import type { Code, Guid } from '../domain/model';
import { inVivoName, sameCodeName } from '../domain/phases-in-vivo';
import { normalizeSelection } from '../domain/ranges';
import type { ChangeRecorder } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite, type CommandFailure } from './run';

export interface OpenCodingInput {
  readonly projectGuid: Guid;
  readonly documentGuid: Guid;
  readonly coderGuid: Guid;
  /** UTF-16 code units of the stored text, half-open; whitespace at the ends is trimmed. */
  readonly start: number;
  readonly end: number;
}

export interface OpenCodingResult {
  readonly codeGuid: Guid;
  readonly codeName: string;
  readonly segmentGuid: Guid;
  /** False when a code of that name existed already and was applied instead of a duplicate. */
  readonly created: boolean;
  /** True when the selection already had that code: nothing was written. */
  readonly alreadyApplied: boolean;
}

/**
 * Makes a code named `name` at the top level of the codebook (next palette colour) and applies
 * it to the selection, as `applyCode` does: the coder's segment with exactly that range gets the
 * coding, else a new segment is made. When a code of that name (ignoring case and spacing)
 * exists, that code is applied instead. One undoable step.
 */
export function createCodeAndApply(input: OpenCodingInput & { readonly name: string }, db?: MarkeerDb): Promise<Result<OpenCodingResult, CommandFailure>> {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return run(input, 'phases.history.newCode', () => name, db);
}

/** Makes an in-vivo code: named after the selected words (see `inVivoName`), applied to them. One undoable step. */
export function addInVivoCode(input: OpenCodingInput, db?: MarkeerDb): Promise<Result<OpenCodingResult, CommandFailure>> {
  return run(input, 'phases.history.inVivo', (selected) => inVivoName(selected), db);
}

function run(input: OpenCodingInput, undoLabel: string, nameOf: (selected: string) => string | null, db?: MarkeerDb) {
  const { projectGuid, documentGuid } = input;
  return runWrite({ db, projectGuid, undoLabel }, async (rec) => {
    const [stored, codes] = await Promise.all([rec.db.documentTexts.get([projectGuid, documentGuid]), rec.db.codes.where('projectGuid').equals(projectGuid).toArray()]);
    if (!stored) throw new CommandAbort('not-found');
    const range = normalizeSelection(stored.text, input.start, input.end);
    if (!range) throw new CommandAbort('empty-selection');
    const name = nameOf(stored.text.slice(range.start, range.end));
    if (!name) throw new CommandAbort('empty-name');
    const existing = findByName(codes, name);
    const code = existing ?? createCode({ projectGuid, parentGuid: null, name, color: nextColor(codes), order: nextOrder(codes, null) });
    if (!existing) await rec.add('codes', code);
    const applied = await applyInTransaction(rec, { ...input, ...range }, code.guid, stored.text);
    return { codeGuid: code.guid, codeName: code.name, segmentGuid: applied.segmentGuid, created: !existing, alreadyApplied: !applied.added };
  });
}

/** The code with that name; a top-level one first, as the codebook shows them. */
function findByName(codes: readonly Code[], name: string): Code | undefined {
  const matches = codes.filter((c) => sameCodeName(c.name, name));
  return matches.find((c) => c.parentGuid === null) ?? matches[0];
}

/** What `applyCode` writes, inside this command's transaction (the range already normalised). */
async function applyInTransaction(rec: ChangeRecorder, input: OpenCodingInput, codeGuid: Guid, text: string): Promise<{ segmentGuid: Guid; added: boolean }> {
  const { projectGuid, documentGuid, coderGuid, start, end } = input;
  const existing = await rec.db.segments.where('[projectGuid+documentGuid+coderGuid+start+end]').equals([projectGuid, documentGuid, coderGuid, start, end]).first();
  if (!existing) {
    const segment = createSegment({ projectGuid, documentGuid, coderGuid, text, start, end });
    await rec.add('segments', segment);
    await rec.add('codings', createCoding(segment, codeGuid, coderGuid));
    return { segmentGuid: segment.guid, added: true };
  }
  const codings = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([projectGuid, existing.guid]).toArray();
  if (codings.some((c) => c.codeGuid === codeGuid)) return { segmentGuid: existing.guid, added: false };
  await rec.add('codings', createCoding(existing, codeGuid, coderGuid));
  return { segmentGuid: existing.guid, added: true };
}
