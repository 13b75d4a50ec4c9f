import { readFile } from 'node:fs/promises';
import type { Result } from '../domain/assert';
import type { ProjectData } from '../domain/project-data';
import { extname } from 'node:path';
import { parseBundle } from '../io/bundle/parse';
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

const REFI = new Set(['.qdpx', '.qde', '.qdc']);

/**
 * A project file as project data, or a readable reason why not: a `.markeer` bundle, or a
 * REFI-QDA `.qdpx`/`.qde`/`.qdc` (its coders are the file's Users, found through creatingUser).
 * What a REFI-QDA import leaves out goes to `warn`.
 */
export async function loadProject(file: string, warn: (text: string) => void = () => undefined): Promise<Result<ProjectData, string>> {
  const bytes = await readBytes(file);
  if (REFI.has(extname(file).toLowerCase())) {
    // Loaded for REFI-QDA files only: with it comes the XML parser, which a bundle does not need.
    const { importRefi } = await import('../io/refi');
    const imported = await importRefi(file, bytes);
    if (!imported.ok) return { ok: false, reason: describeFailure(file, imported) };
    const { report } = imported.value;
    for (const line of [...report.warnings, ...report.discarded]) warn(`${file}: ${line}`);
    return { ok: true, value: imported.value.data };
  }
  const parsed = await parseBundle(bytes);
  if (!parsed.ok) return { ok: false, reason: describeFailure(file, parsed) };
  return { ok: true, value: parsed.value.data };
}

export async function loadProjectOrThrow(file: string, warn?: (text: string) => void): Promise<ProjectData> {
  const r = await loadProject(file, warn);
  if (!r.ok) throw new CliError(r.reason);
  return r.value;
}

export { readBytes };
