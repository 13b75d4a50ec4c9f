import { version as APP_VERSION } from '../../package.json';
import { fail, ok, type Result } from '../domain/assert';
import { CODER_COLORS, createCoder } from '../domain/factories';
import { withStudent } from '../domain/exercise';
import { createGuid } from '../domain/ids';
import type { Coder, Guid, Project } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { parseBundle, type BundleFailure, type BundleKind } from '../io/bundle';
import type { BoundTables } from '../storage/changes';
import { PROJECT_TABLES, mapLists } from '../domain/tables';
import { getDb, storeOf, TABLES, type MarkeerDb } from '../storage/db';
import type { Table } from 'dexie';
import { storageFailure, type CommandFailure } from './run';
import { writeBundle } from './bundle-export';

export interface ExportedBundle {
  readonly bytes: Uint8Array;
  /** e.g. "ouders-en-school-2026-03-05.markeer", "ouders-en-school-uitdeelversie-2026-03-05.markeer". */
  readonly fileName: string;
}

export interface ExportOptions {
  /** The word a hand-out's file name carries, in the interface language; "uitdeelversie" when absent. */
  readonly handoutSuffix?: string;
  /** The export time; now when absent. */
  readonly now?: Date;
}

/** A project name as a file name: lower case, accents dropped, anything but letters and digits a hyphen. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'project';
}

/** `<slug>[-<handout suffix>]-<yyyy-mm-dd>.markeer`, with the user's local date. */
export function bundleFileName(projectName: string, kind: BundleKind, date: Date, handoutSuffix = 'uitdeelversie'): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  const suffix = kind === 'handout' ? `-${slug(handoutSuffix)}` : '';
  return `${slug(projectName)}${suffix}-${day}.markeer`;
}

/**
 * A project as a `.markeer` bundle: a full one, or a hand-out without segments and codings. The
 * exporting coder is the project's own coder unless given.
 */
export async function exportBundle(
  projectGuid: Guid,
  kind: BundleKind,
  db: MarkeerDb = getDb(),
  exportedBy?: { readonly guid: Guid; readonly name: string },
  options: ExportOptions = {},
): Promise<Result<ExportedBundle, CommandFailure>> {
  const now = options.now ?? new Date();
  const written = await writeBundle(db, projectGuid, {
    kind,
    appVersion: APP_VERSION,
    exportedBy: (data) => exportedBy ?? { guid: data.project.ownerCoderGuid, name: data.coders.find((c) => c.guid === data.project.ownerCoderGuid)?.name ?? '' },
    exportedAt: now.toISOString(),
  });
  if (!written.ok) return written;
  const { data, bytes } = written.value;
  return ok({ bytes, fileName: bundleFileName(data.project.name, kind, now, options.handoutSuffix) });
}

export type ImportFailure =
  | BundleFailure
  /** This browser already holds the project with the same content; detail: its name. */
  | 'bundle-already-imported'
  /** This browser holds the project with other content; detail: its name. Import as a copy instead. */
  | 'bundle-project-exists'
  /** A hand-out needs the name of the person importing it (`coderName`); ask, then import again. */
  | 'bundle-needs-coder'
  | CommandFailure;

export interface ImportOptions {
  readonly db?: MarkeerDb;
  /** Receives the fraction done, 0 to 1: reading and checking the bundle, then writing it. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * When the project exists here with other content, import it as a new project (new GUID, name
   * with `copySuffix`). All other GUIDs stay: every table is keyed by [projectGuid+guid].
   */
  readonly asCopy?: boolean;
  /** Appended to a copy's name; " (kopie)" when absent. */
  readonly copySuffix?: string;
  /**
   * The person importing; required for a hand-out (else 'bundle-needs-coder'). The hand-out's
   * coder of that name, or else a new coder, becomes the project's own coder, so that their
   * segments are theirs when the lead merges them. For an exercise (also required) the student
   * always becomes a new coder, never the reference. Ignored for a full bundle, whose own coder stays.
   */
  readonly coderName?: string;
}

/** Thrown inside the import's transaction to abort it with an expected failure. */
class ImportAbort extends Error {
  constructor(
    readonly reason: 'bundle-already-imported' | 'bundle-project-exists',
    readonly detail: string,
  ) {
    super(reason);
  }
}

function bind(tx: { table(name: string): unknown }): BoundTables {
  return Object.fromEntries(TABLES.map((name) => [name, tx.table(name)])) as unknown as BoundTables;
}

/** Whether the stored project holds the bundle's work: the same texts, segments and codings. */
async function sameContent(t: BoundTables, data: ProjectData): Promise<boolean> {
  const guid = data.project.guid;
  const [documents, segments, codings] = await Promise.all([
    t.documents.where('projectGuid').equals(guid).toArray(),
    t.segments.where('projectGuid').equals(guid).primaryKeys(),
    t.codings.where('projectGuid').equals(guid).primaryKeys(),
  ]);
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;
  return (
    sameSet(documents.map((d) => `${d.guid} ${d.sha256}`), data.documents.map((d) => `${d.guid} ${d.sha256}`)) &&
    sameSet(segments.map(([, g]) => g), data.segments.map((s) => s.guid)) &&
    sameSet(codings.map(([, g]) => g), data.codings.map((c) => c.guid))
  );
}

/** The same project under a new GUID and name; every record moves along. */
function copyOf(data: ProjectData, copySuffix: string): ProjectData {
  const projectGuid = createGuid();
  const move = <T extends { projectGuid: Guid }>(records: readonly T[]): T[] => records.map((r) => ({ ...r, projectGuid }));
  const lists = mapLists((list) => move(data[list] as readonly { projectGuid: Guid }[]));
  return { project: { ...data.project, guid: projectGuid, name: `${data.project.name}${copySuffix}` }, ...lists } as unknown as ProjectData;
}

/** A hand-out's recipient as the project's own coder: a coder of that name, or a new one. */
function withRecipient(data: ProjectData, name: string): ProjectData {
  const wanted = name.trim().toLocaleLowerCase();
  const existing = data.coders.find((c) => c.name.trim().toLocaleLowerCase() === wanted);
  if (existing) return { ...data, project: { ...data.project, ownerCoderGuid: existing.guid } };
  const used = new Set(data.coders.map((c) => c.color));
  const coder: Coder = createCoder(data.project.guid, name, CODER_COLORS.find((c) => !used.has(c)) ?? CODER_COLORS[0] ?? '#1d4e89');
  return { ...data, project: { ...data.project, ownerCoderGuid: coder.guid }, coders: [...data.coders, coder] };
}

/**
 * Imports a `.markeer` bundle: parse -> validate -> migrate (io/bundle), then restore everything
 * in one read-write transaction. Never overwrites: a project that exists here is refused as
 * already imported (same content) or existing (other content; see `asCopy`). Any failure,
 * a full disk included, leaves the database exactly as it was. Returns the project's GUID.
 */
export async function importBundle(bytes: Uint8Array, options: ImportOptions = {}): Promise<Result<Guid, ImportFailure>> {
  const progress = options.onProgress ?? (() => undefined);
  progress(0);
  const parsed = await parseBundle(bytes, { onProgress: (f) => progress(0.8 * f) });
  if (!parsed.ok) return parsed;
  const { manifest, data: bundled } = parsed.value;
  const coderName = options.coderName?.trim() ?? '';
  // A hand-out's and an exercise's recipient names themselves (detail "exercise" for an exercise).
  if ((manifest.kind === 'handout' || manifest.kind === 'exercise') && !coderName) return fail('bundle-needs-coder', manifest.kind === 'exercise' ? 'exercise' : undefined);
  const data = manifest.kind === 'handout' ? withRecipient(bundled, coderName) : manifest.kind === 'exercise' ? withStudent(bundled, coderName) : bundled;
  const restored = await restoreProjectData(data, {
    db: options.db,
    onExisting: async (existing, t) => {
      if (await sameContent(t, data)) throw new ImportAbort('bundle-already-imported', existing.name);
      if (!options.asCopy) throw new ImportAbort('bundle-project-exists', existing.name);
      return copyOf(data, options.copySuffix ?? ' (kopie)');
    },
    beforeWrite: () => progress(0.85),
  });
  if (!restored.ok) return restored;
  const projectGuid = restored.value;
  progress(1);
  return ok(projectGuid);
}

export interface RestoreOptions {
  readonly db?: MarkeerDb;
  /**
   * Decides, inside the transaction, what to write when a project with the data's GUID exists
   * here: other data (a copy under a new GUID), or an `ImportAbort` thrown to refuse. When
   * absent, the project is written under a new GUID with its own name.
   */
  readonly onExisting?: (existing: Project, tables: BoundTables) => Promise<ProjectData>;
  /** Called once the checks are done, just before the rows are written. */
  readonly beforeWrite?: () => void;
}

/**
 * Writes a whole project as a new project in one read-write transaction; never overwrites (see
 * `onExisting`). Any failure, a full disk included, leaves the database exactly as it was.
 * Returns the GUID the project was written under.
 */
export async function restoreProjectData(data: ProjectData, options: RestoreOptions = {}): Promise<Result<Guid, ImportFailure>> {
  const db = options.db ?? getDb();
  try {
    const projectGuid = await db.transaction('rw', TABLES.map((t) => db.table(t)), async (tx) => {
      const t = bind(tx);
      const existing = await t.projects.get(data.project.guid);
      let restored = data;
      if (existing) restored = options.onExisting ? await options.onExisting(existing, t) : copyOf(data, '');
      options.beforeWrite?.();
      await t.projects.put(restored.project);
      // Every list as domain/tables.ts declares it.
      for (const { list } of PROJECT_TABLES) await (t[storeOf(list)] as Table<object, unknown>).bulkPut([...(restored[list] as readonly object[])]);
      return restored.project.guid;
    });
    return ok(projectGuid);
  } catch (e) {
    if (e instanceof ImportAbort) return fail(e.reason, e.detail);
    return storageFailure(e);
  }
}
