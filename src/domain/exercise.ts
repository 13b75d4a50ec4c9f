/**
 * Exercises (issue "Practice and themes"): a teacher's project turned into practice material with
 * one coder's work as the reference, which the student does not see in the app until feedback.
 * The reference travels inside the exercise file: hidden, not secret.
 *
 * Offsets are UTF-16 code units of the stored text, ranges half-open, as everywhere.
 */
import { fail, ok, type Result } from './assert';
import { ancestors, foldForSearch } from './codebook';
import { CODER_COLORS, createCoder } from './factories';
import { computeFeedback, type Feedback } from './feedback';
import { countWords } from './analysis/words';
import type { Attempt, Code, Coder, Coding, DocumentRecord, ExerciseSettings, FeedbackMoment, Guid, Project, Segment, Timestamp } from './model';
import type { ProjectData } from './project-data';

export const DEFAULT_THRESHOLD = 0.5;

/**
 * The coder whose work this browser must not show: the exercise's reference coder, unless the
 * coder working here is the reference itself (the teacher). Null for a project that is no exercise.
 */
export function hiddenCoderGuid(project: Pick<Project, 'exercise' | 'ownerCoderGuid'>): Guid | null {
  const reference = project.exercise?.referenceCoderGuid;
  return reference && reference !== project.ownerCoderGuid ? reference : null;
}

/**
 * The codes a student does not see in an open-coding exercise: every code the reference coder
 * applied, with its ancestors (the exercise carries only those, see `exerciseData`), so that the
 * student's codebook holds exactly the codes the student made. Empty when nothing is hidden or
 * the exercise comes with its codebook.
 */
export function hiddenCodeGuids(project: Pick<Project, 'exercise' | 'ownerCoderGuid'>, codes: readonly Code[], codings: readonly Pick<Coding, 'codeGuid' | 'coderGuid'>[]): Set<Guid> {
  const hidden = hiddenCoderGuid(project);
  if (!hidden || !project.exercise?.openCoding) return new Set();
  const used = new Set(codings.filter((c) => c.coderGuid === hidden).map((c) => c.codeGuid));
  const out = new Set<Guid>();
  for (const guid of used) {
    out.add(guid);
    for (const a of ancestors(codes, guid)) out.add(a.guid);
  }
  return out;
}

/**
 * The project as the student may see it: without the reference coder, its segments, codings and
 * memos on them, and (open coding) without the codes only the reference used. The data itself is
 * untouched: exports still carry the reference.
 */
export function withoutHidden(data: ProjectData): ProjectData {
  const hidden = hiddenCoderGuid(data.project);
  if (!hidden) return data;
  const codes = hiddenCodeGuids(data.project, data.codes, data.codings);
  const segments = data.segments.filter((s) => s.coderGuid !== hidden);
  const kept = new Set(segments.map((s) => s.guid));
  return {
    ...data,
    coders: data.coders.filter((c) => c.guid !== hidden),
    codes: data.codes.filter((c) => !codes.has(c.guid)),
    segments,
    codings: data.codings.filter((c) => c.coderGuid !== hidden && kept.has(c.segmentGuid)),
    memos: data.memos.filter((m) => m.authorGuid !== hidden && (m.targetKind !== 'segment' || (m.targetGuid !== null && kept.has(m.targetGuid)))),
    themes: data.themes.map((t) => ({ ...t, codeGuids: t.codeGuids.filter((g) => !codes.has(g)), quoteSegmentGuids: t.quoteSegmentGuids.filter((g) => kept.has(g)) })),
  };
}

export interface ExerciseOptions {
  /** The documents of the exercise, in any order (they keep the project's order). */
  readonly documentGuids: readonly Guid[];
  /** False: open coding; the student starts with an empty codebook. */
  readonly includeCodebook: boolean;
  readonly referenceCoderGuid: Guid;
  readonly instructions: string;
  readonly instructionsRich: string | null;
  readonly feedback: FeedbackMoment;
  /** In (0, 1]. */
  readonly threshold: number;
  /** The exercise's name; the project's when absent. */
  readonly name?: string;
  /** The exercise project's GUID: a new project, so that it never collides with the teacher's own. */
  readonly projectGuid: Guid;
  readonly now: Timestamp;
}

export type ExerciseFailure = 'not-found' | 'invalid-value';

/**
 * The exercise made from a teacher's project: the chosen documents (texts, variables, groups
 * restricted to them), the codebook (open coding: only the codes the reference applied, with
 * their ancestors, needed for feedback and hidden from the student), the reference coder and only
 * that coder's segments and codings on those documents. No other coder, memo, theme or attempt.
 * Every record moves to the new project GUID; documents and codes keep their GUIDs, so that the
 * students' bundles merge back into the teacher's project.
 */
export function exerciseData(source: ProjectData, options: ExerciseOptions): Result<ProjectData, ExerciseFailure> {
  const reference = source.coders.find((c) => c.guid === options.referenceCoderGuid);
  if (!reference) return fail('not-found', `coder ${options.referenceCoderGuid}`);
  const chosen = new Set(options.documentGuids);
  const documents = source.documents.filter((d) => chosen.has(d.guid)).sort((a, b) => a.order - b.order);
  if (documents.length === 0) return fail('invalid-value', 'documents');
  if (documents.length !== chosen.size) return fail('not-found', `document ${[...chosen].find((g) => !documents.some((d) => d.guid === g))}`);
  if (!(options.threshold > 0 && options.threshold <= 1)) return fail('invalid-value', `threshold ${options.threshold}`);

  const projectGuid = options.projectGuid;
  const move = <T extends { projectGuid: Guid }>(rows: readonly T[]): T[] => rows.map((r) => ({ ...r, projectGuid }));
  const segments = source.segments.filter((s) => s.coderGuid === reference.guid && chosen.has(s.documentGuid));
  const segmentGuids = new Set(segments.map((s) => s.guid));
  const codings = source.codings.filter((c) => segmentGuids.has(c.segmentGuid) && c.coderGuid === reference.guid);
  let codes = source.codes;
  if (!options.includeCodebook) {
    const keep = new Set<Guid>();
    for (const c of codings) {
      keep.add(c.codeGuid);
      for (const a of ancestors(source.codes, c.codeGuid)) keep.add(a.guid);
    }
    codes = source.codes.filter((c) => keep.has(c.guid));
  }
  const exercise: ExerciseSettings = {
    referenceCoderGuid: reference.guid,
    instructions: options.instructions,
    instructionsRich: options.instructionsRich,
    feedback: options.feedback,
    threshold: options.threshold,
    openCoding: !options.includeCodebook,
  };
  const { demo: _demo, phase: _phase, ...rest } = source.project;
  const project: Project = {
    ...rest,
    guid: projectGuid,
    name: options.name?.trim() || source.project.name,
    createdAt: options.now,
    updatedAt: options.now,
    ownerCoderGuid: reference.guid,
    exercise,
  };
  return ok({
    project,
    coders: move([reference]),
    documents: move(documents.map(({ readBy: _readBy, ...d }): DocumentRecord => d)),
    texts: move(source.texts.filter((t) => chosen.has(t.documentGuid))),
    codes: move(codes),
    segments: move(segments),
    codings: move(codings),
    variables: move(source.variables),
    groups: move(
      source.groups
        .map((g) => ({ ...g, documentGuids: g.documentGuids.filter((d) => chosen.has(d)) }))
        .filter((g) => g.documentGuids.length > 0),
    ),
    memos: [],
    themes: [],
    attempts: [],
  });
}

/**
 * An exercise as the student opens it: a new coder of the student's name becomes the project's own
 * coder, never the reference (even with the same name), so that the reference stays hidden and the
 * student's work carries the student's GUID when the teacher merges it.
 */
export function withStudent(data: ProjectData, name: string): ProjectData {
  const used = new Set(data.coders.map((c) => c.color));
  const student: Coder = createCoder(data.project.guid, name, CODER_COLORS.find((c) => !used.has(c)) ?? CODER_COLORS[0] ?? '#1d4e89');
  return { ...data, project: { ...data.project, ownerCoderGuid: student.guid }, coders: [...data.coders, student] };
}

/** What feedback reads of a project. */
export type FeedbackData = Pick<ProjectData, 'project' | 'codes' | 'documents' | 'segments' | 'codings'>;

/**
 * In open coding the student names codes of their own: a student's code named like a reference code
 * (ignoring case, accents and surrounding space) counts as that code in the feedback. Other codings
 * stay as they are (the CLI's rules: codes compared as applied).
 */
export function alignOpenCodes(data: FeedbackData, studentGuid: Guid): readonly Pick<Coding, 'segmentGuid' | 'codeGuid'>[] {
  const exercise = data.project.exercise;
  if (!exercise?.openCoding) return data.codings;
  const referenceCodes = new Set(data.codings.filter((c) => c.coderGuid === exercise.referenceCoderGuid).map((c) => c.codeGuid));
  const byName = new Map<string, Guid>();
  for (const c of data.codes) if (referenceCodes.has(c.guid)) byName.set(foldForSearch(c.name.trim()), c.guid);
  const nameOf = new Map(data.codes.map((c) => [c.guid, foldForSearch(c.name.trim())]));
  return data.codings.map((c) => {
    if (c.coderGuid !== studentGuid || referenceCodes.has(c.codeGuid)) return c;
    const match = byName.get(nameOf.get(c.codeGuid) ?? '');
    return match ? { ...c, codeGuid: match } : c;
  });
}

/** The exercise's documents in project order, restricted to `documentGuids`. */
function feedbackDocuments(data: FeedbackData, documentGuids: readonly Guid[]) {
  const wanted = new Set(documentGuids);
  return data.documents
    .filter((d) => wanted.has(d.guid))
    .sort((a, b) => a.order - b.order)
    .map((d) => ({ guid: d.guid, name: d.name, length: d.length }));
}

/** Feedback on the student's coding of the documents, with the exercise's reference and threshold. */
export function exerciseFeedback(data: FeedbackData, studentGuid: Guid, documentGuids: readonly Guid[]): Feedback {
  const exercise = data.project.exercise;
  if (!exercise) throw new Error('exerciseFeedback: the project is no exercise');
  return computeFeedback({
    documents: feedbackDocuments(data, documentGuids),
    codes: data.codes,
    segments: data.segments,
    codings: alignOpenCodes(data, studentGuid),
    reference: exercise.referenceCoderGuid,
    student: studentGuid,
    threshold: exercise.threshold,
  });
}

/** The figures of one feedback request, as kept. */
export function attemptOf(feedback: Feedback, input: { guid: Guid; projectGuid: Guid; coderGuid: Guid; createdAt: Timestamp; documentGuids: readonly Guid[] }): Attempt {
  return {
    ...input,
    documentGuids: [...input.documentGuids],
    threshold: feedback.threshold,
    overall: { ...feedback.overall },
    codes: feedback.codes.map((c) => ({
      codeGuid: c.guid,
      reference: c.reference,
      student: c.student,
      found: c.found,
      extra: c.extra,
      recall: c.recall,
      precision: c.precision,
      percentAgreement: c.percentAgreement,
      cohenKappa: c.cohenKappa,
    })),
  };
}

/**
 * The mean of the per-code values that are defined (percent agreement or kappa of an attempt):
 * an attempt keeps these per code only, so the overall figure is their plain average over codes.
 */
export function meanOverCodes(attempt: Attempt, key: 'percentAgreement' | 'cohenKappa'): number | null {
  const values = attempt.codes.map((c) => c[key]).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** A document is done in a per-document exercise once the student asked feedback on it. */
export function documentsDone(attempts: readonly Attempt[], studentGuid: Guid): Set<Guid> {
  return new Set(attempts.filter((a) => a.coderGuid === studentGuid).flatMap((a) => a.documentGuids));
}

export interface StudentResult {
  readonly coder: Coder;
  /** Oldest first. */
  readonly attempts: readonly Attempt[];
}

/**
 * The teacher's table: one row per student, that is every coder with an attempt, and in an
 * exercise project also every coder but the reference; attempts oldest first. Students in name order.
 */
export function exerciseResults(data: Pick<ProjectData, 'project' | 'coders' | 'attempts'>): StudentResult[] {
  const reference = data.project.exercise?.referenceCoderGuid;
  const byCoder = new Map<Guid, Attempt[]>();
  for (const a of data.attempts) byCoder.set(a.coderGuid, [...(byCoder.get(a.coderGuid) ?? []), a]);
  return data.coders
    .filter((c) => byCoder.has(c.guid) || (data.project.exercise !== undefined && c.guid !== reference))
    .map((coder) => ({ coder, attempts: [...(byCoder.get(coder.guid) ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)) }))
    .sort((a, b) => a.coder.name.localeCompare(b.coder.name));
}

export interface BoundaryDifference {
  readonly documentGuid: Guid;
  /** The reference's segment. */
  readonly reference: { readonly start: number; readonly end: number };
  /** The span of the student's segments with the code that overlap it. */
  readonly student: { readonly start: number; readonly end: number };
  /** Student start minus reference start: negative = the student starts earlier. Characters. */
  readonly startShift: number;
  readonly endShift: number;
  /** Words in the stretch between the two starts and between the two ends. */
  readonly startWords: number;
  readonly endWords: number;
}

/**
 * Where the student's passage starts or ends elsewhere than the reference's, on the reference
 * segments with the code that the student found (all but `missed`). The student's passage is the
 * span of the student's segments with the code that overlap the reference segment.
 */
export function boundaryDifferences(input: {
  readonly segments: readonly Segment[];
  readonly codings: readonly Pick<Coding, 'segmentGuid' | 'codeGuid'>[];
  readonly reference: Guid;
  readonly student: Guid;
  readonly codeGuid: Guid;
  readonly documentGuids: readonly Guid[];
  readonly missed: readonly { readonly documentGuid: Guid; readonly start: number; readonly end: number }[];
  readonly texts: ReadonlyMap<Guid, string>;
}): BoundaryDifference[] {
  const docs = new Set(input.documentGuids);
  const withCode = new Set(input.codings.filter((c) => c.codeGuid === input.codeGuid).map((c) => c.segmentGuid));
  const coded = input.segments.filter((s) => withCode.has(s.guid) && docs.has(s.documentGuid));
  const missed = new Set(input.missed.map((m) => `${m.documentGuid}|${m.start}|${m.end}`));
  const order = new Map(input.documentGuids.map((g, i) => [g, i]));
  const out: BoundaryDifference[] = [];
  const seen = new Set<string>();
  for (const r of coded.filter((s) => s.coderGuid === input.reference)) {
    const key = `${r.documentGuid}|${r.start}|${r.end}`;
    if (missed.has(key) || seen.has(key)) continue;
    seen.add(key);
    const mine = coded.filter((s) => s.coderGuid === input.student && s.documentGuid === r.documentGuid && s.start < r.end && s.end > r.start);
    if (mine.length === 0) continue;
    const start = Math.min(...mine.map((s) => s.start));
    const end = Math.max(...mine.map((s) => s.end));
    if (start === r.start && end === r.end) continue;
    const text = input.texts.get(r.documentGuid) ?? '';
    out.push({
      documentGuid: r.documentGuid,
      reference: { start: r.start, end: r.end },
      student: { start, end },
      startShift: start - r.start,
      endShift: end - r.end,
      startWords: countWords(text.slice(Math.min(start, r.start), Math.max(start, r.start))),
      endWords: countWords(text.slice(Math.min(end, r.end), Math.max(end, r.end))),
    });
  }
  return out.sort((a, b) => (order.get(a.documentGuid) ?? 0) - (order.get(b.documentGuid) ?? 0) || a.reference.start - b.reference.start);
}
