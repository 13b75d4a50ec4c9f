/**
 * Consensus after an agreement review (issue 4): for each disagreement between two coders the
 * lead keeps A's coding, B's, both or neither, and the outcome is recorded as a coder of its own.
 *
 * Model. The consensus coder is a Coder named "Consensus", created on the first decision and
 * reused after (found by name, so it survives export and merge like any coder). It starts empty.
 * A decision sets what the consensus coder coded over one disagreement range, for the reviewed
 * code and its subcodes: "A" copies A's codings of those codes, clipped to the range; "B" copies
 * B's; "both" copies both (the union); "neither" leaves nothing there. So the consensus coder
 * gets the coders' own subcodes, not just the reviewed code. Agreements (both coded the same
 * code) are copied in bulk by `acceptAgreements`. Consensus segments of a code that touch or
 * overlap each other are joined, so that a kept stretch and the agreement next to it become one
 * segment. Each decision is one undoable step ('history.consensus').
 *
 * Which choice was made is also noted in the `meta` table (key `consensus:<projectGuid>`),
 * because "neither", or keeping the coder who did not code, leaves no segment that tells a
 * decided range from an open one. The note is outside the undoable step (`meta` is not among the
 * recorded tables) and is not exported; the interface trusts it only while it agrees with the
 * consensus coder's segments (see `choiceLeavesCoded`), so undoing a decision that wrote segments
 * reopens it. The segments are the outcome; the note only says that somebody looked.
 */
import { descendantGuids } from '../domain/codebook';
import { CONSENSUS_CODER_NAME, isConsensusCoder } from '../domain/lens';
import { CODER_COLORS, createCoder, createCoding, createSegment } from '../domain/factories';
import type { Coder, Coding, Guid, Segment } from '../domain/model';
import { coveredLength, intersectRanges, mergeRanges, type TextRange } from '../domain/ranges';
import type { ChangeRecorder } from '../storage/changes';
import { getDb, type MarkeerDb } from '../storage/db';
import { removeMemosOf } from './memos';
import { CommandAbort, runWrite } from './run';

export { CONSENSUS_CODER_NAME, isConsensusCoder } from '../domain/lens';
/** Colour of the consensus coder when every coder colour is taken. */
const CONSENSUS_COLOR = '#495057';

export type ConsensusChoice = 'a' | 'b' | 'both' | 'neither';
export const CONSENSUS_CHOICES: readonly ConsensusChoice[] = ['a', 'b', 'both', 'neither'];

export interface ResolveDisagreementInput {
  readonly projectGuid: Guid;
  readonly documentGuid: Guid;
  /** The reviewed code; its subcodes are decided with it. */
  readonly codeGuid: Guid;
  /** The disagreement range: UTF-16 code units, half-open. */
  readonly start: number;
  readonly end: number;
  readonly keep: ConsensusChoice;
  readonly coderA: Guid;
  readonly coderB: Guid;
  /** The consensus coder when known; otherwise it is found by name, or created. */
  readonly consensusCoderGuid?: Guid;
}

export function findConsensusCoder<C extends Pick<Coder, 'name'>>(coders: readonly C[]): C | undefined {
  return coders.find(isConsensusCoder);
}

/** Whether `choice` leaves a range coded, given which of A and B coded it. */
export function choiceLeavesCoded(choice: ConsensusChoice, codedByA: boolean, codedByB: boolean): boolean {
  switch (choice) {
    case 'a':
      return codedByA;
    case 'b':
      return codedByB;
    case 'both':
      return codedByA || codedByB;
    case 'neither':
      return false;
  }
}

/** The `meta` key of a project's consensus notes. */
export const decisionsMetaKey = (projectGuid: Guid): string => `consensus:${projectGuid}`;

/** The key of one decision in the notes: the range, its document and code, and the pair compared. */
export function decisionKey(d: { documentGuid: Guid; codeGuid: Guid; coderA: Guid; coderB: Guid; start: number; end: number }): string {
  return [d.documentGuid, d.codeGuid, d.coderA, d.coderB, d.start, d.end].join('|');
}

export type ConsensusDecisions = Readonly<Record<string, ConsensusChoice>>;

/** The noted choices of a project (a read, for liveQuery). */
export async function readConsensusDecisions(db: MarkeerDb, projectGuid: Guid): Promise<ConsensusDecisions> {
  const value = (await db.meta.get(decisionsMetaKey(projectGuid)))?.value;
  return value && typeof value === 'object' ? (value as ConsensusDecisions) : {};
}

/**
 * Decides one disagreement: the consensus coder's codings of the code (and its subcodes) over
 * [start, end) become those of the coders kept. One undoable step; returns the consensus coder.
 */
export async function resolveDisagreement(input: ResolveDisagreementInput, db?: MarkeerDb) {
  const { projectGuid, documentGuid, codeGuid, start, end, coderA, coderB } = input;
  const kept = { a: [coderA], b: [coderB], both: [coderA, coderB], neither: [] }[input.keep];
  const range: TextRange = { start, end };
  const result = await runWrite({ db, projectGuid, undoLabel: 'history.consensus' }, async (rec) => {
    const doc = await documentContext(rec, projectGuid, documentGuid, codeGuid);
    if (!(start >= 0 && start < end && end <= doc.text.length)) throw new CommandAbort('empty-selection');
    const consensus = await ensureConsensusCoder(rec, projectGuid, input.consensusCoderGuid);
    const linked = await linkedCodings(rec, projectGuid, documentGuid, doc.codeGuids);
    for (const code of doc.codeGuids) {
      const near = linked.filter((l) => l.segment.coderGuid === consensus && l.coding.codeGuid === code && touches(l.segment, range));
      const inside = kept.flatMap((coder) => clip(rangesOf(linked, coder, code), range));
      const wanted = joined([...near.flatMap((l) => subtract(l.segment, range)), ...inside]);
      await setCoverage(rec, doc, consensus, code, near, wanted);
    }
    return { consensusCoderGuid: consensus };
  });
  if (result.ok) {
    try {
      await noteDecision(db ?? getDb(), projectGuid, decisionKey(input), input.keep);
    } catch {
      // The decision is written; without its note a range decided as uncoded only shows as open.
    }
  }
  return result;
}

/**
 * Copies into the consensus coder every stretch of the document that A and B both coded with the
 * same code (the code or one of its subcodes). Stretches both coded within the code but with
 * different subcodes are disagreements of those subcodes and are left for review there. One
 * undoable step; returns the consensus coder (null when there was nothing to copy) and the
 * number of characters copied.
 */
export async function acceptAgreements(projectGuid: Guid, documentGuid: Guid, codeGuid: Guid, coderA: Guid, coderB: Guid, db?: MarkeerDb, consensusCoderGuid?: Guid) {
  return runWrite({ db, projectGuid, undoLabel: 'history.consensus' }, async (rec) => {
    const doc = await documentContext(rec, projectGuid, documentGuid, codeGuid);
    const linked = await linkedCodings(rec, projectGuid, documentGuid, doc.codeGuids);
    const agreed = new Map<Guid, TextRange[]>();
    for (const code of doc.codeGuids) {
      const both = intersectRanges(joined(rangesOf(linked, coderA, code)), joined(rangesOf(linked, coderB, code)));
      if (both.length > 0) agreed.set(code, both);
    }
    if (agreed.size === 0) return { consensusCoderGuid: null, characters: 0 };
    const consensus = await ensureConsensusCoder(rec, projectGuid, consensusCoderGuid);
    let characters = 0;
    for (const [code, ranges] of agreed) {
      const own = linked.filter((l) => l.segment.coderGuid === consensus && l.coding.codeGuid === code);
      const near = own.filter((l) => ranges.some((r) => touches(l.segment, r)));
      const before = coveredLength(own.map((l) => l.segment));
      await setCoverage(rec, doc, consensus, code, near, joined([...near.map((l) => l.segment), ...ranges]));
      characters += coveredLength([...own.map((l) => l.segment), ...ranges]) - before;
    }
    return { consensusCoderGuid: consensus, characters };
  });
}

interface DocumentContext {
  readonly projectGuid: Guid;
  readonly documentGuid: Guid;
  readonly text: string;
  /** The reviewed code and its subcodes. */
  readonly codeGuids: ReadonlySet<Guid>;
}

async function documentContext(rec: ChangeRecorder, projectGuid: Guid, documentGuid: Guid, codeGuid: Guid): Promise<DocumentContext> {
  const stored = await rec.db.documentTexts.get([projectGuid, documentGuid]);
  const codes = await rec.db.codes.where('projectGuid').equals(projectGuid).toArray();
  const codeGuids = descendantGuids(codes, codeGuid);
  if (!stored || codeGuids.size === 0) throw new CommandAbort('not-found');
  return { projectGuid, documentGuid, text: stored.text, codeGuids };
}

/** The consensus coder's GUID: the one given if it still exists, else the one named so, else a new one. */
async function ensureConsensusCoder(rec: ChangeRecorder, projectGuid: Guid, guid: Guid | undefined): Promise<Guid> {
  if (guid && (await rec.db.coders.get([projectGuid, guid]))) return guid;
  if (!(await rec.db.projects.get(projectGuid))) throw new CommandAbort('not-found');
  const coders = await rec.db.coders.where('projectGuid').equals(projectGuid).toArray();
  const found = findConsensusCoder(coders);
  if (found) return found.guid;
  const taken = new Set(coders.map((c) => c.color));
  const coder = createCoder(projectGuid, CONSENSUS_CODER_NAME, CODER_COLORS.find((c) => !taken.has(c)) ?? CONSENSUS_COLOR);
  await rec.put('coders', coder);
  return coder.guid;
}

interface Linked {
  readonly segment: Segment;
  readonly coding: Coding;
}

/** The document's codings of the given codes, each with its segment. */
async function linkedCodings(rec: ChangeRecorder, projectGuid: Guid, documentGuid: Guid, codeGuids: ReadonlySet<Guid>): Promise<Linked[]> {
  const codings = (await rec.db.codings.where('[projectGuid+documentGuid]').equals([projectGuid, documentGuid]).toArray()).filter((c) =>
    codeGuids.has(c.codeGuid),
  );
  const segments = await rec.db.segments.bulkGet(codings.map((c) => [projectGuid, c.segmentGuid] as [string, string]));
  return codings.flatMap((coding, i) => {
    const segment = segments[i];
    return segment ? [{ segment, coding }] : [];
  });
}

/** The ranges `coderGuid` coded with exactly `codeGuid`. */
function rangesOf(linked: readonly Linked[], coderGuid: Guid, codeGuid: Guid): TextRange[] {
  return linked.filter((l) => l.segment.coderGuid === coderGuid && l.coding.codeGuid === codeGuid).map((l) => l.segment);
}

/**
 * Makes `current` (consensus codings of `codeGuid`) cover exactly `wanted` (sorted, disjoint):
 * a segment whose range is wanted keeps its coding; the others lose it (and go when that was their
 * last code); each wanted range left over gets a coding, on the consensus coder's segment with
 * exactly that range if there is one, else on a new segment.
 */
async function setCoverage(rec: ChangeRecorder, doc: DocumentContext, coderGuid: Guid, codeGuid: Guid, current: readonly Linked[], wanted: readonly TextRange[]): Promise<void> {
  const missing = new Map(wanted.map((r) => [rangeKey(r), r]));
  for (const { segment, coding } of current) {
    if (missing.delete(rangeKey(segment))) continue;
    await rec.delete('codings', [doc.projectGuid, coding.guid]);
    const rest = await rec.db.codings.where('[projectGuid+segmentGuid]').equals([doc.projectGuid, segment.guid]).count();
    if (rest === 0) {
      await rec.delete('segments', [doc.projectGuid, segment.guid]);
      await removeMemosOf(rec, doc.projectGuid, [segment.guid]);
    }
  }
  for (const range of missing.values()) {
    const existing = await rec.db.segments
      .where('[projectGuid+documentGuid+coderGuid+start+end]')
      .equals([doc.projectGuid, doc.documentGuid, coderGuid, range.start, range.end])
      .first();
    const segment = existing ?? createSegment({ projectGuid: doc.projectGuid, documentGuid: doc.documentGuid, coderGuid, text: doc.text, start: range.start, end: range.end });
    if (!existing) await rec.put('segments', segment);
    const codings = existing ? await rec.db.codings.where('[projectGuid+segmentGuid]').equals([doc.projectGuid, segment.guid]).toArray() : [];
    if (!codings.some((c) => c.codeGuid === codeGuid)) await rec.put('codings', createCoding(segment, codeGuid, coderGuid));
  }
}

async function noteDecision(db: MarkeerDb, projectGuid: Guid, key: string, choice: ConsensusChoice): Promise<void> {
  const metaKey = decisionsMetaKey(projectGuid);
  await db.transaction('rw', db.meta, async () => {
    const old = await readConsensusDecisions(db, projectGuid);
    await db.meta.put({ key: metaKey, value: { ...old, [key]: choice } });
  });
}

const rangeKey = (r: TextRange): string => `${r.start}:${r.end}`;

/** The union of `ranges` with touching ranges joined: consensus segments that touch become one (see above). */
const joined = (ranges: readonly TextRange[]): TextRange[] => mergeRanges(ranges, { touching: 'join' });

/** Whether `a` and `b` overlap or touch. */
const touches = (a: TextRange, b: TextRange): boolean => a.start <= b.end && b.start <= a.end;

/** `range` without `cut`: up to two pieces. */
function subtract(range: TextRange, cut: TextRange): TextRange[] {
  const left = { start: range.start, end: Math.min(range.end, cut.start) };
  const right = { start: Math.max(range.start, cut.end), end: range.end };
  return [left, right].filter((r) => r.end > r.start);
}

/** The parts of `ranges` inside `within`. */
function clip(ranges: readonly TextRange[], within: TextRange): TextRange[] {
  return ranges
    .map((r) => ({ start: Math.max(r.start, within.start), end: Math.min(r.end, within.end) }))
    .filter((r) => r.end > r.start);
}

