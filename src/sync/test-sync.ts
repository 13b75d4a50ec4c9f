/**
 * What the sync tests share: PouchDB for Node (in memory, with HTTP and replication), "browsers"
 * whose team server is an in-memory PouchDB shared by URL, waiting for a condition, and starting
 * a connected project's engine (stopped again by `stopEngines`).
 */
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import memory from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import type { MarkeerDb } from '../storage/db';
import { TeamSync } from './engine';
import type { PouchDatabase, PouchEnvironment, PouchStatic } from './pouch';
import { teamLink } from './team';

export const Pouch = PouchDB as unknown as PouchStatic & { plugin(p: unknown): typeof Pouch };
Pouch.plugin(memory).plugin(http).plugin(replication);

/** The in-memory team servers, by database URL. */
export const servers = new Map<string, PouchDatabase>();

/**
 * A "browser": its own replica (a name prefix), replicating with a team database that is, here, an
 * in-memory PouchDB shared by URL (the server's rules are tested against a CouchDB-protocol server
 * in engine-server.test.ts and the end-to-end tests).
 */
export function browser(name: string): PouchEnvironment {
  const remote = (url: string) => {
    if (!servers.has(url)) servers.set(url, new Pouch(`server-${url}`, { adapter: 'memory' }));
    return servers.get(url) as PouchDatabase;
  };
  return { Pouch, local: { adapter: 'memory' }, replicaPrefix: `${name}-`, remote };
}

/** Waits until `check` holds, polling; fails naming `what` after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the lead's project is on the in-memory server. */
export async function onServer(url: string, projectGuid: string): Promise<void> {
  await until(async () => (await servers.get(url)?.allDocs({ keys: [`projects:${projectGuid}`] }))?.rows[0]?.value !== undefined, 'the project on the server');
}

/** Engines the tests started, for `stopEngines`. */
export const engines: TeamSync[] = [];

/** Starts the engine of a project connected in `db`. */
export async function run(db: MarkeerDb, projectGuid: string, env: PouchEnvironment): Promise<TeamSync> {
  const link = await teamLink(projectGuid, db);
  if (!link) throw new Error('not connected');
  const engine = new TeamSync(db, projectGuid, link, env);
  engines.push(engine);
  await engine.start();
  return engine;
}

/** Stops every engine the tests started. */
export async function stopEngines(): Promise<void> {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
}
