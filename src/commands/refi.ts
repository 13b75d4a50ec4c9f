/**
 * REFI-QDA exchange with the database: a project as `.qdpx` (positions in code points, or UTF-16
 * for NVivo) or its codebook as `.qdc`, and a `.qdpx`, `.qde` or `.qdc` restored as a new project.
 * The file formats themselves live in io/refi.
 */
import { ok, type Result } from '../domain/assert';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { codeNames, exportQdc, exportQdpx, importRefi, type RefiFailure, type RefiReport } from '../io/refi';
import { getDb, type MarkeerDb } from '../storage/db';
import { bundleFileName, restoreProjectData } from './bundles';
import { readProjectForExport } from './read-project';
import type { CommandFailure } from './run';

export type RefiExportFormat = 'qdpx' | 'qdpx-utf16' | 'qdc';

export interface ExportedRefi {
  readonly bytes: Uint8Array;
  /** e.g. "ouders-en-school-2026-03-05.qdpx", "ouders-en-school-2026-03-05.qdc". */
  readonly fileName: string;
  /** What the file cannot carry (human-readable, English as io/refi writes it); shown before sharing. */
  readonly lost: readonly string[];
}

export interface RefiExportOptions {
  /** The export time; now when absent. */
  readonly now?: Date;
  /**
   * Write each code whose name occurs more than once in the tree as "Parent / Child", for tools that
   * merge codes of the same name (QualCoder); without it such names are listed among what is lost.
   */
  readonly uniqueCodeNames?: boolean;
}

/**
 * What a `.qdc` leaves out of the codebook itself (everything else is left out by choice), and the
 * code names several codes share (or how they were made unique).
 */
function lostInCodebook(data: ProjectData, uniqueCodeNames: boolean): string[] {
  return [...data.codes.flatMap((c) => (c.shortcut !== null ? [`shortcut key ${c.shortcut} of code “${c.name}”`] : [])), ...codeNames(data.codes, uniqueCodeNames).report];
}

/** A project as a REFI-QDA project (`.qdpx`) or codebook (`.qdc`), with what the file cannot carry. */
export async function exportRefi(
  projectGuid: Guid,
  format: RefiExportFormat,
  db: MarkeerDb = getDb(),
  options: RefiExportOptions = {},
): Promise<Result<ExportedRefi, CommandFailure>> {
  const read = await readProjectForExport(db, projectGuid);
  if (!read.ok) return read;
  const data = read.value;
  const now = options.now ?? new Date();
  const baseName = bundleFileName(data.project.name, 'full', now).replace(/\.markeer$/, '');
  if (format === 'qdc') {
    const xml = exportQdc(data.codes, new Set(data.codings.map((c) => c.codeGuid)), { uniqueCodeNames: options.uniqueCodeNames ?? false });
    return ok({ bytes: new TextEncoder().encode(xml), fileName: `${baseName}.qdc`, lost: lostInCodebook(data, options.uniqueCodeNames ?? false) });
  }
  const exported = await exportQdpx(data, { positions: format === 'qdpx-utf16' ? 'utf16' : 'codepoints', now: now.toISOString(), uniqueCodeNames: options.uniqueCodeNames ?? false });
  return ok({ bytes: exported.bytes, fileName: `${baseName}.qdpx`, lost: [...exported.lost] });
}

export interface RefiImportOptions {
  readonly db?: MarkeerDb;
  /** Receives the fraction done, 0 to 1: reading the file, then writing it. */
  readonly onProgress?: (fraction: number) => void;
}

export interface ImportedRefi {
  readonly projectGuid: Guid;
  /** Everything not carried over, to list to the user (standard section 7). */
  readonly report: RefiReport;
}

/**
 * Restores a `.qdpx`, `.qde` or `.qdc` as a new project, in one transaction. Never overwrites:
 * should the project's GUID exist here, it gets a new one. A `.qdc` gives a project with the
 * codebook only. Any failure leaves the database as it was.
 */
export async function importRefiProject(
  fileName: string,
  bytes: Uint8Array,
  options: RefiImportOptions = {},
): Promise<Result<ImportedRefi, RefiFailure | CommandFailure>> {
  const progress = options.onProgress ?? (() => undefined);
  progress(0);
  const parsed = await importRefi(fileName, bytes);
  if (!parsed.ok) return parsed;
  progress(0.8);
  const restored = await restoreProjectData(parsed.value.data, { db: options.db });
  if (!restored.ok) return restored as Result<never, CommandFailure>;
  progress(1);
  return ok({ projectGuid: restored.value, report: parsed.value.report });
}
