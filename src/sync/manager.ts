import type { Guid } from '../domain/model';
import { getDb, type MarkeerDb } from '../storage/db';
import { TeamSync, type SyncStatus, type TeamLink } from './engine';
import { loadPouch, type PouchEnvironment } from './pouch';
import { teamLinks } from './team';

/**
 * The sync engines of this tab: one per connected project, started when the app opens. A browser
 * without a connected project never loads PouchDB and makes no request.
 */
class TeamSyncManager {
  private readonly engines = new Map<Guid, TeamSync>();
  private readonly starting = new Map<Guid, Promise<TeamSync>>();
  /** Why an engine could not start, by project (shown instead of a status). */
  private readonly failures = new Map<Guid, string>();
  private readonly listeners = new Set<() => void>();
  private env: Promise<PouchEnvironment> | null = null;

  constructor(private readonly db: () => MarkeerDb) {}

  /** PouchDB, loaded on first use. */
  pouch(): Promise<PouchEnvironment> {
    this.env ??= loadPouch();
    return this.env;
  }

  /** Starts an engine for every connected project that has none yet. */
  async startAll(): Promise<void> {
    const links = await teamLinks(this.db());
    // One project that cannot start does not keep the others from starting.
    await Promise.allSettled([...links].map(([projectGuid, link]) => this.start(projectGuid, link)));
  }

  /** Starts a project's engine once, however often it is asked at the same time. */
  start(projectGuid: Guid, link: TeamLink): Promise<TeamSync> {
    const running = this.engines.get(projectGuid);
    if (running) return Promise.resolve(running);
    const pending = this.starting.get(projectGuid);
    if (pending) return pending;
    const started = this.create(projectGuid, link).finally(() => this.starting.delete(projectGuid));
    this.starting.set(projectGuid, started);
    return started;
  }

  private async create(projectGuid: Guid, link: TeamLink): Promise<TeamSync> {
    this.failures.delete(projectGuid);
    try {
      const engine = new TeamSync(this.db(), projectGuid, link, await this.pouch());
      this.engines.set(projectGuid, engine);
      engine.subscribe(() => this.emit());
      await engine.start();
      this.emit();
      return engine;
    } catch (e) {
      this.engines.delete(projectGuid);
      this.failures.set(projectGuid, e instanceof Error ? e.message : String(e));
      this.emit();
      throw e;
    }
  }

  /** Why the project's engine could not start, or null. */
  failure(projectGuid: Guid): string | null {
    return this.failures.get(projectGuid) ?? null;
  }

  async stop(projectGuid: Guid): Promise<void> {
    const engine = this.engines.get(projectGuid);
    this.engines.delete(projectGuid);
    await engine?.stop();
    this.emit();
  }

  engine(projectGuid: Guid): TeamSync | undefined {
    return this.engines.get(projectGuid);
  }

  status(projectGuid: Guid): SyncStatus | null {
    return this.engines.get(projectGuid)?.status() ?? null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export const teamSync = new TeamSyncManager(() => getDb());
