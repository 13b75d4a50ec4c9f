import { fail, ok, type Result } from '../domain/assert';
import { CODER_COLORS, createCoder } from '../domain/factories';
import { now } from '../domain/ids';
import type { Coder, Guid, Project } from '../domain/model';
import { getDb, TABLES, TEAM_META_PREFIX, type MarkeerDb, type TableName } from '../storage/db';
import { writeScope } from '../storage/outbox';
import { conflictsMetaKey, seqMetaKey } from './apply';
import { refusedMetaKey, TeamSync, type TeamLink } from './engine';
import { SYNCED_TABLES, type TeamDoc } from './docs';
import { openReplica, remoteOptions, type PouchEnvironment } from './pouch';

export const teamMetaKey = (projectGuid: Guid): string => `${TEAM_META_PREFIX}${projectGuid}`;

/** The team server a project is connected to from this browser, or null. */
export async function teamLink(projectGuid: Guid, db: MarkeerDb = getDb()): Promise<TeamLink | null> {
  const value = (await db.meta.get(teamMetaKey(projectGuid)))?.value as TeamLink | undefined;
  return value && typeof value.url === 'string' && typeof value.user === 'string' ? value : null;
}

/** Every connected project of this browser with its link. */
export async function teamLinks(db: MarkeerDb = getDb()): Promise<Map<Guid, TeamLink>> {
  const records = await db.meta.where('key').startsWith(TEAM_META_PREFIX).toArray();
  return new Map(records.map((r) => [r.key.slice(TEAM_META_PREFIX.length), r.value as TeamLink]));
}

/**
 * `other-project`: the database holds another project. `empty-database`: there is no project to
 * join yet (the lead has not connected one). `already-here`: the project exists in this browser
 * already (not from this database), or is on the server already (connect: join it instead).
 */
export type ConnectFailure = 'storage-failed' | 'not-found' | 'other-project' | 'empty-database' | 'already-here' | 'not-signed-in' | 'not-member';

/** A replication's failure as the user should hear it: signed out, not a member, or the rest. */
function replicationFailure(e: unknown): { ok: false; reason: ConnectFailure; detail?: string } {
  const status = (e as { status?: number } | null)?.status;
  const detail = e instanceof Error ? e.message : ((e as { reason?: string } | null)?.reason ?? String(e));
  if (status === 401) return fail('not-signed-in', detail);
  if (status === 403) return fail('not-member', detail);
  return fail('storage-failed', detail);
}

/**
 * The lead connects a project to a prepared team database (src/sync/server.ts
 * `prepareDatabase`): the lead's own coder becomes their CouchDB user, and every record of the
 * project is queued for the server. One transaction: the project is connected with all of it
 * queued, or not at all.
 */
export async function connectProject(projectGuid: Guid, url: string, user: string, env: PouchEnvironment, db: MarkeerDb = getDb()): Promise<Result<TeamLink, ConnectFailure>> {
  // A database holds one project: refuse another project's.
  const remote = (env.remote?.(url) ?? new env.Pouch(url, remoteOptions(env.Pouch)));
  try {
    const projects = await listProjects(remote);
    if (projects.some((p) => p !== projectGuid)) return fail('other-project');
    // The project is there already (connected from another browser): joining brings it here.
    if (projects.length > 0) return fail('already-here');
  } catch (e) {
    return replicationFailure(e);
  } finally {
    if (!env.remote) await remote.close().catch(() => undefined);
  }
  const link: TeamLink = { url, user, role: 'lead', connectedAt: now() };
  try {
    await db.transaction('rw', [...writeScope(db, TABLES), 'meta'], async (tx) => {
      const project = (await tx.table('projects').get(projectGuid)) as Project | undefined;
      if (!project) throw new Error('not-found');
      const me = (await tx.table('coders').get([projectGuid, project.ownerCoderGuid])) as Coder | undefined;
      if (me && me.couchUser !== user) await tx.table('coders').put({ ...me, couchUser: user });
      await tx.table('meta').put({ key: teamMetaKey(projectGuid), value: link });
      const entries: { projectGuid: string; table: TableName; key: string }[] = [{ projectGuid, table: 'projects', key: projectGuid }];
      for (const table of SYNCED_TABLES) {
        if (table === 'projects') continue;
        const keyField = table === 'documentTexts' ? 'documentGuid' : 'guid';
        const keys = (await tx.table(table).where('projectGuid').equals(projectGuid).toArray()) as Record<string, string>[];
        for (const row of keys) entries.push({ projectGuid, table, key: row[keyField] as string });
      }
      await tx.table('syncOutbox').bulkAdd(entries);
    });
  } catch (e) {
    return fail(e instanceof Error && e.message === 'not-found' ? 'not-found' : 'storage-failed', String(e));
  }
  db.teamProjects.add(projectGuid);
  return ok(link);
}

async function listProjects(remote: { allDocs: TeamSync['local']['allDocs'] }): Promise<string[]> {
  const all = await remote.allDocs({ include_docs: false, ...({ startkey: 'projects:', endkey: 'projects:\uffff' } as object) });
  return all.rows.map((r) => (r.id ?? r.key).slice('projects:'.length));
}

/**
 * A coder joins a team project: the project record and the coders are read from the server, the
 * project is created here, and the coder is the one whose `couchUser` is the signed-in user (a new
 * coder named `coderName` when there is none yet). Everything else arrives through the sync engine,
 * which starts next: its replication fills the replica while `applyRemoteDocs` brings each batch
 * into the project, so the two run side by side and the project opens at once, filling up.
 */
export async function joinProject(url: string, user: string, coderName: string, env: PouchEnvironment, db: MarkeerDb = getDb()): Promise<Result<{ projectGuid: Guid; link: TeamLink }, ConnectFailure>> {
  const remote = env.remote?.(url) ?? new env.Pouch(url, remoteOptions(env.Pouch));
  try {
    const projects = await listProjects(remote);
    const projectGuid = projects[0];
    if (!projectGuid) return fail('empty-database');
    if (await db.projects.get(projectGuid)) {
      const existing = await teamLink(projectGuid, db);
      if (existing?.url === url) return ok({ projectGuid, link: existing });
      return fail('already-here');
    }
    const projectDoc = await remote.get(`projects:${projectGuid}`);
    const coders = await remote.allDocs({ include_docs: true, ...({ startkey: 'coders:', endkey: 'coders:\uffff' } as object) });
    const coderDocs = coders.rows.map((r) => r.doc).filter((d): d is TeamDoc => !!d && !d._deleted);
    const mine = coderDocs.find((d) => d.data.couchUser === user);
    const used = new Set(coderDocs.map((d) => String(d.data.color)));
    const color = CODER_COLORS.find((c) => !used.has(c)) ?? CODER_COLORS[coderDocs.length % CODER_COLORS.length] ?? '#1d4e89';
    const coder: Coder = mine ? ({ ...mine.data, projectGuid } as unknown as Coder) : { ...createCoder(projectGuid, coderName.trim() || user, color), couchUser: user };
    const link: TeamLink = { url, user, role: 'coder', connectedAt: now() };
    const project = { ...(projectDoc.data as unknown as Project), guid: projectGuid, ownerCoderGuid: coder.guid, updatedAt: now() };
    await db.transaction('rw', [...writeScope(db, TABLES), 'meta'], async (tx) => {
      await tx.table('projects').put(project);
      await tx.table('meta').put({ key: teamMetaKey(projectGuid), value: link });
      await tx.table('meta').delete(seqMetaKey(projectGuid));
      // Who works here is there from the start. A new coder is a record of its own, sent to the
      // server like any other (its owner is the user); a known one comes back from the server too.
      await tx.table('coders').put(coder);
      if (!mine) await tx.table('syncOutbox').add({ projectGuid, table: 'coders', key: coder.guid });
    });
    db.teamProjects.add(projectGuid);
    return ok({ projectGuid, link });
  } catch (e) {
    return replicationFailure(e);
  } finally {
    if (!env.remote) await remote.close().catch(() => undefined);
  }
}

/**
 * Disconnects a project from its team server in this browser: the project stays here as it is (a
 * project of files again), the replica and the queue are removed. Nothing on the server changes.
 */
export async function disconnectProject(projectGuid: Guid, env: PouchEnvironment | null, db: MarkeerDb = getDb()): Promise<void> {
  const link = await teamLink(projectGuid, db);
  db.teamProjects.delete(projectGuid);
  await db.transaction('rw', ['meta', 'syncOutbox'], async (tx) => {
    for (const key of [teamMetaKey, seqMetaKey, conflictsMetaKey, refusedMetaKey]) await tx.table('meta').delete(key(projectGuid));
    await tx.table('syncOutbox').where('projectGuid').equals(projectGuid).delete();
  });
  if (link && env) await openReplica(env, link.url).destroy().catch(() => undefined);
}
