import { fail, ok, type Result } from '../domain/assert';
import { createGuid } from '../domain/ids';
import { applyMerge, planMerge, type MergePlan, type MergeReport, type MergeResult } from '../domain/merge';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { parseBundle, type BundleFailure, type BundleManifest } from '../io/bundle';
import { importRefi, type RefiFailure, type RefiReport } from '../io/refi';
import type { BoundTables, ChangeRecorder } from '../storage/changes';
import { getDb, type MarkeerDb, type TableName } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { CommandAbort, runWrite, storageFailure, type CommandFailure } from './run';

/** A file the lead picked: its name (for messages) and its bytes. */
export interface MergeFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * One picked file after reading: its project, or why it cannot be merged (it is then left out).
 * A bundle has its manifest; a REFI-QDA project (`.qdpx`, `.qde`) has the report of what its
 * import left out instead.
 */
export type PreparedFile =
  | { readonly name: string; readonly ok: true; readonly manifest: BundleManifest; readonly data: ProjectData; readonly refi?: undefined }
  | { readonly name: string; readonly ok: true; readonly manifest?: undefined; readonly data: ProjectData; readonly refi: RefiReport }
  | { readonly name: string; readonly ok: false; readonly reason: BundleFailure | RefiFailure; readonly detail?: string };

/** Whether a picked file is read as REFI-QDA (by its extension) rather than as a bundle. */
export const isRefiFile = (name: string): boolean => /\.(qdpx|qde)$/i.test(name);

async function prepareFile(file: MergeFile, onProgress: (f: number) => void): Promise<PreparedFile> {
  const failed = (r: { reason: BundleFailure | RefiFailure; detail?: string }): PreparedFile => ({
    name: file.name,
    ok: false,
    reason: r.reason,
    ...(r.detail === undefined ? {} : { detail: r.detail }),
  });
  if (isRefiFile(file.name)) {
    const imported = await importRefi(file.name, file.bytes);
    onProgress(1);
    return imported.ok ? { name: file.name, ok: true, data: imported.value.data, refi: imported.value.report } : failed(imported);
  }
  const parsed = await parseBundle(file.bytes, { onProgress });
  return parsed.ok ? { name: file.name, ok: true, manifest: parsed.value.manifest, data: parsed.value.data } : failed(parsed);
}

export interface MergePreparation {
  /** The lead's project as it is now. */
  readonly lead: ProjectData;
  /** Every picked file, in the order given. */
  readonly files: readonly PreparedFile[];
  /**
   * The plan of each file that was read, in order (failed files left out), every name match
   * accepted: what the confirmation screen shows first. `planMerges` re-plans after the lead
   * unticks a name match.
   */
  readonly plans: readonly MergePlan[];
}

/** Whether the lead treats a code matched by name as the same code; keyed by the incoming code's GUID. */
export type NameMatchDecision = (incomingCodeGuid: Guid) => boolean;

export interface MergeOutcome {
  /** The sum of the files' reports. */
  readonly total: MergeReport;
  /** One report per merged project, in the order given. */
  readonly files: readonly MergeReport[];
}

export interface MergeOptions {
  /** Receives the fraction done, 0 to 1. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Reads the picked bundles and REFI-QDA projects (`.qdpx`, `.qde`: coders' work from other tools,
 * its documents matched by text) and plans merging them into the lead's project, writing nothing.
 * A file that cannot be read is reported with its name and reason and left out; the others go on.
 * Each file is planned against the lead's project plus what the files before it add, so that two
 * coders who each added "Frustratie" are shown as one code.
 */
export async function prepareMerge(
  projectGuid: Guid,
  files: readonly MergeFile[],
  db: MarkeerDb = getDb(),
  options: MergeOptions = {},
): Promise<Result<MergePreparation, CommandFailure>> {
  const progress = options.onProgress ?? (() => undefined);
  progress(0);
  const prepared: PreparedFile[] = [];
  for (const [i, file] of files.entries()) {
    prepared.push(await prepareFile(file, (f) => progress((0.95 * (i + f)) / files.length)));
  }
  let lead: ProjectData | null;
  try {
    lead = await readProjectData(db, projectGuid);
  } catch (e) {
    return storageFailure(e);
  }
  if (!lead) return fail('not-found');
  const plans = planMerges(lead, parsedData(prepared), () => true);
  progress(1);
  return ok({ lead, files: prepared, plans });
}

/** The projects of the files that were read, in order. */
export function parsedData(files: readonly PreparedFile[]): ProjectData[] {
  return files.flatMap((f) => (f.ok ? [f.data] : []));
}

/** The plan of each incoming project, each against the lead plus what the ones before it add. */
export function planMerges(lead: ProjectData, incoming: readonly ProjectData[], accept: NameMatchDecision): MergePlan[] {
  return mergeInOrder(lead, incoming, accept).map((m) => m.plan);
}

/**
 * The incoming code GUIDs whose name match `decide` accepts, over all plans: the set that
 * `mergeBundles` takes.
 */
export function acceptedNameMatches(plans: readonly MergePlan[], decide: NameMatchDecision): Set<Guid> {
  return new Set(plans.flatMap((p) => p.codes.filter((c) => c.by === 'name' && decide(c.incoming.guid)).map((c) => c.incoming.guid)));
}

/**
 * Merges the incoming projects into the lead's one after the other, each planned against the
 * lead plus what the ones before it added, so that the same coder's identical work in two files
 * is added once. Pure: returns what each one adds.
 */
export function mergeInOrder(
  lead: ProjectData,
  incoming: readonly ProjectData[],
  accept: NameMatchDecision,
): { plan: MergePlan; result: MergeResult }[] {
  let current = lead;
  return incoming.map((data) => {
    const plan = planMerge(current, data);
    const accepted = new Set(plan.codes.filter((c) => c.by === 'name' && accept(c.incoming.guid)).map((c) => c.incoming.guid));
    const merged = applyMerge(current, data, plan, accepted);
    const result: MergeResult = { ...merged, add: { ...merged.add, codings: freshCodingGuids(current, merged.add.codings) } };
    current = withAdded(current, result.add);
    return { plan, result };
  });
}

/**
 * A coding that is new by its segment and code may still carry the GUID of a coding the lead
 * has (the same bundle merged before with another choice for a name match): it gets a new GUID
 * rather than overwrite that coding.
 */
function freshCodingGuids(lead: ProjectData, codings: MergeResult['add']['codings']): MergeResult['add']['codings'] {
  const used = new Set(lead.codings.map((c) => c.guid));
  return codings.map((c) => {
    const coding = used.has(c.guid) ? { ...c, guid: createGuid() } : c;
    used.add(coding.guid);
    return coding;
  });
}

function withAdded(lead: ProjectData, add: MergeResult['add']): ProjectData {
  return {
    project: lead.project,
    coders: [...lead.coders, ...add.coders],
    documents: [...lead.documents, ...add.documents],
    texts: [...lead.texts, ...add.texts],
    codes: [...lead.codes, ...add.codes],
    segments: [...lead.segments, ...add.segments],
    codings: [...lead.codings, ...add.codings],
    variables: [...lead.variables, ...add.variables],
    // A written group replaces the lead's group of the same GUID.
    groups: [...lead.groups.filter((g) => !add.groups.some((a) => a.guid === g.guid)), ...add.groups],
    memos: [...lead.memos, ...add.memos],
    themes: [...lead.themes.filter((g) => !add.themes.some((a) => a.guid === g.guid)), ...add.themes],
    attempts: [...lead.attempts, ...add.attempts],
  };
}

/** The sum of several merge reports. */
export function sumReports(reports: readonly MergeReport[]): MergeReport {
  const total: MergeReport = {
    added: { documents: 0, codes: 0, coders: 0, segments: 0, codings: 0, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0 },
    matched: { documents: 0, codes: 0, coders: 0, segments: 0, groups: 0, themes: 0 },
    skipped: { segments: 0, codings: 0, documentsWithOtherText: [] },
  };
  for (const r of reports) {
    for (const k of Object.keys(total.added) as (keyof MergeReport['added'])[]) total.added[k] += r.added[k];
    for (const k of Object.keys(total.matched) as (keyof MergeReport['matched'])[]) total.matched[k] += r.matched[k];
    total.skipped.segments += r.skipped.segments;
    total.skipped.codings += r.skipped.codings;
    total.skipped.documentsWithOtherText.push(...r.skipped.documentsWithOtherText);
  }
  return total;
}

/** Rows written between two progress reports. */
const CHUNK = 250;

/**
 * Merges coders' projects into the lead's project as one undoable step ('history.merge'). The
 * lead's project is read inside the write's transaction, and each incoming project is merged
 * against it plus what the ones before added. Codes matched by name are treated as the same
 * code only when their incoming GUID is in `acceptNameMatches`; other name matches become new
 * codes. Codes added by the merge get no shortcut key (applyMerge), so the lead's keys stay.
 * The incoming project's GUID does not matter: documents, codes and coders match by their own.
 */
export async function mergeBundles(
  projectGuid: Guid,
  parsed: readonly ProjectData[],
  acceptNameMatches: ReadonlySet<Guid>,
  db: MarkeerDb = getDb(),
  options: MergeOptions = {},
): Promise<Result<MergeOutcome, CommandFailure>> {
  const progress = options.onProgress ?? (() => undefined);
  progress(0);
  const result = await runWrite({ db, projectGuid, undoLabel: 'history.merge' }, async (rec) => {
    const lead = await readBound(rec.db, projectGuid);
    if (!lead) throw new CommandAbort('not-found');
    const merged = mergeInOrder(lead, parsed, (g) => acceptNameMatches.has(g));
    const rows: [TableName, object][] = merged.flatMap(({ result: { add } }) => [
      ...add.coders.map((r) => ['coders', r] as [TableName, object]),
      ...add.documents.map((r) => ['documents', r] as [TableName, object]),
      ...add.texts.map((r) => ['documentTexts', r] as [TableName, object]),
      ...add.codes.map((r) => ['codes', r] as [TableName, object]),
      ...add.segments.map((r) => ['segments', r] as [TableName, object]),
      ...add.codings.map((r) => ['codings', r] as [TableName, object]),
      ...add.variables.map((r) => ['variables', r] as [TableName, object]),
      ...add.groups.map((r) => ['groups', r] as [TableName, object]),
      ...add.memos.map((r) => ['memos', r] as [TableName, object]),
      ...add.themes.map((r) => ['themes', r] as [TableName, object]),
      ...add.attempts.map((r) => ['attempts', r] as [TableName, object]),
    ]);
    await putAll(rec, rows, progress);
    const files = merged.map((m) => m.result.report);
    return { total: sumReports(files), files };
  });
  if (result.ok) progress(1);
  return result;
}

/** Writes every row through the recorder, so that undo removes them all as one step. */
async function putAll(rec: ChangeRecorder, rows: readonly [TableName, object][], progress: (f: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Rows of one chunk have distinct keys, so their requests may run side by side.
    await Promise.all(rows.slice(i, i + CHUNK).map(([table, row]) => rec.put(table, row)));
    progress(Math.min(i + CHUNK, rows.length) / rows.length);
  }
}

/** The lead's project, read through tables bound to the write's transaction (see ChangeRecorder.db). */
async function readBound(t: BoundTables, projectGuid: Guid): Promise<ProjectData | null> {
  const project = await t.projects.get(projectGuid);
  if (!project) return null;
  const [coders, documents, texts, codes, segments, codings, variables, groups, memos, themes, attempts] = await Promise.all([
    t.coders.where('projectGuid').equals(projectGuid).toArray(),
    t.documents.where('projectGuid').equals(projectGuid).toArray(),
    t.documentTexts.where('projectGuid').equals(projectGuid).toArray(),
    t.codes.where('projectGuid').equals(projectGuid).toArray(),
    t.segments.where('projectGuid').equals(projectGuid).toArray(),
    t.codings.where('projectGuid').equals(projectGuid).toArray(),
    t.variables.where('projectGuid').equals(projectGuid).toArray(),
    t.groups.where('projectGuid').equals(projectGuid).toArray(),
    t.memos.where('projectGuid').equals(projectGuid).toArray(),
    t.themes.where('projectGuid').equals(projectGuid).toArray(),
    t.attempts.where('projectGuid').equals(projectGuid).toArray(),
  ]);
  return { project, coders, documents, texts, codes, segments, codings, variables, groups, memos, themes, attempts };
}
