import { fail, ok, type Result } from '../domain/assert';
import type { Table } from 'dexie';
import { mergeInOrder, sumReports, type MergePlan, type MergeReport, type NameMatchDecision } from '../domain/merge';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { parseBundle, type BundleFailure, type BundleManifest } from '../io/bundle';
import { importRefi, type RefiFailure, type RefiReport } from '../io/refi';
import type { BoundTables, ChangeRecorder } from '../storage/changes';
import { PROJECT_TABLES } from '../domain/tables';
import { getDb, storeOf, type MarkeerDb, type TableName } from '../storage/db';
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

export type { NameMatchDecision } from '../domain/merge';

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

export { acceptedNameMatches, sumReports } from '../domain/merge';

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
    // Every list as tables.ts declares it, so that no table's records can be left behind.
    const rows: [TableName, object][] = merged.flatMap(({ result: { add } }) =>
      PROJECT_TABLES.flatMap(({ list }) => (add[list] as readonly object[]).map((r) => [storeOf(list), r] as [TableName, object])),
    );
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
  const lists = await Promise.all(PROJECT_TABLES.map(({ list }) => (t[storeOf(list)] as Table<object, [string, string]>).where('projectGuid').equals(projectGuid).toArray()));
  return { project, ...Object.fromEntries(PROJECT_TABLES.map(({ list }, i) => [list, lists[i]])) } as ProjectData;
}
