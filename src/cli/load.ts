import { readFile } from 'node:fs/promises';
import type { Result } from '../domain/assert';
import type { ProjectData } from '../domain/project-data';
import { parseBundle } from '../io/bundle';
import { describeFailure } from './messages';

/** Thrown for bad input: the command line prints the message and exits with status 1. */
export class CliError extends Error {}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new CliError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** A project file (a `.markeer` bundle) as project data, or a readable reason why not. */
export async function loadProject(file: string): Promise<Result<ProjectData, string>> {
  const bytes = await readBytes(file);
  const parsed = await parseBundle(bytes);
  if (!parsed.ok) return { ok: false, reason: describeFailure(file, parsed) };
  return { ok: true, value: parsed.value.data };
}

export async function loadProjectOrThrow(file: string): Promise<ProjectData> {
  const r = await loadProject(file);
  if (!r.ok) throw new CliError(r.reason);
  return r.value;
}

export { readBytes };
