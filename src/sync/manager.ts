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
    for (const [projectGuid, link] of links) await this.start(projectGuid, link);
  }

  async start(projectGuid: Guid, link: TeamLink): Promise<TeamSync> {
    const running = this.engines.get(projectGuid);
    if (running) return running;
    const engine = new TeamSync(this.db(), projectGuid, link, await this.pouch());
    this.engines.set(projectGuid, engine);
    engine.subscribe(() => this.emit());
    await engine.start();
    this.emit();
    return engine;
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
