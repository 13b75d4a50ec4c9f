/**
 * Writing a bundle in the browser with both cores: the texts are read first and compressed in one
 * zip worker while the rest of the project is read from IndexedDB; project.json is written list by
 * list (in the order the lists arrive) and compressed in another. The bytes are exactly
 * `serializeBundle`'s (zip-entries.ts); where there are no workers (Node, tests) it is
 * `serializeBundle` itself.
 */
import { fail, ok, type Result } from '../domain/assert';
import type { DocumentText, Guid, Timestamp } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { entryBytes, manifestEntry, PROJECT_JSON, projectJson, serializeBundle, textFile, textsInDocumentOrder, ZIP_OPTIONS, type BundleKind, type TextFile } from '../io/bundle';
import { JsonObjectWriter, type MemberState } from '../io/bundle/json-stream';
import { startZipWorkers, ZipWorkerError, type ZipWorkers } from '../io/bundle/zip-workers';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { storageFailure, type CommandFailure } from './run';

export interface BundleWriteOptions {
  readonly kind: BundleKind;
  readonly appVersion: string;
  /** Who exports, given the project's data (its own coder unless said otherwise). */
  readonly exportedBy: (data: ProjectData) => { readonly guid: Guid; readonly name: string };
  readonly exportedAt: Timestamp;
}

/** The project as bundle bytes, with the data they were written from; `not-found` when there is no such project. */
export async function writeBundle(
  db: MarkeerDb,
  projectGuid: Guid,
  options: BundleWriteOptions,
  /** The zip workers, or null to zip in this thread (tests give stand-ins). */
  start: () => ZipWorkers | null = () => startZipWorkers(ZIP_OPTIONS.compressionOptions.level),
): Promise<Result<{ data: ProjectData; bytes: Uint8Array }, CommandFailure>> {
  const workers = start();
  try {
    if (workers) {
      try {
        return await writeInWorkers(db, projectGuid, options, workers);
      } catch (e) {
        // Workers that failed (not loaded, out of memory) leave the export to this thread.
        if (!(e instanceof ZipWorkerError)) throw e;
      }
    }
    const data = await readProjectData(db, projectGuid);
    if (!data) return fail('not-found');
    const bytes = await serializeBundle(data, { ...options, exportedBy: options.exportedBy(data) });
    return ok({ data, bytes });
  } catch (e) {
    return storageFailure(e);
  } finally {
    workers?.close();
  }
}

async function writeInWorkers(db: MarkeerDb, projectGuid: Guid, options: BundleWriteOptions, workers: ZipWorkers): Promise<Result<{ data: ProjectData; bytes: Uint8Array }, CommandFailure>> {
  let sink = workers.stream(PROJECT_JSON);
  let json = new JsonObjectWriter((piece) => sink.write(piece));
  // project.json from what has been read so far (the lists not read yet are empty). A member is
  // written once the part of the same name has been read, a list's first records as they come;
  // `finish` checks every one against the project.json of the whole project, so a member that
  // needs other parts is never written wrong. Lists written in full are left out (empty) of the
  // next builds, which then sort only the lists still to be written.
  const read = new Map<string, unknown>();
  const done = new Set<string>();
  const sofar = new Proxy({} as ProjectData, {
    get: (_, field: string) => {
      const value = read.get(field);
      return value === undefined || (Array.isArray(value) && json.has(field)) ? [] : value;
    },
  });
  const state = (key: string): MemberState => (done.has(key) ? 'done' : read.has(key) ? 'partial' : undefined);
  // The texts are read first, and each goes to a zip worker as soon as it is read (one not taking
  // project.json: zip-workers.ts), to be compressed while the records are still being read.
  const files = new Map<Guid, Omit<TextFile, 'bytes'>>();
  const send = (text: DocumentText) => {
    const { bytes, ...file } = textFile(text);
    files.set(text.documentGuid, file);
    workers.add(file.path, bytes);
  };
  const data = await readProjectData(db, projectGuid, {
    first: ['texts'],
    onRead: (field, rows, complete) => {
      if (field === 'texts') for (const text of (rows as DocumentText[]).slice(files.size)) send(text);
      read.set(field, rows);
      if (complete) done.add(field);
      try {
        json.advance(() => projectJson(sofar, options.kind) as unknown as Record<string, unknown>, state);
      } catch {
        // project.json cannot be built from part of the project: it is written at the end.
      }
    },
  });
  if (!data) return fail('not-found');
  // For bench/profile.ts export: when the read ended, project.json was written, the zip was done.
  performance.mark('markeer:export-read');

  const exportOptions = { ...options, exportedBy: options.exportedBy(data) };
  const texts = textsInDocumentOrder(data);
  for (const text of texts) if (!files.has(text.documentGuid)) send(text);
  const textFiles = texts.map((t) => files.get(t.documentGuid) as Omit<TextFile, 'bytes'>);
  const manifest = await manifestEntry(data, exportOptions, textFiles);
  workers.add(manifest.path, entryBytes(manifest));
  const whole = projectJson(data, options.kind) as unknown as Record<string, unknown>;
  if (!json.finish(whole)) {
    // A member written ahead was not the final one: write project.json again, whole.
    sink.drop();
    sink = workers.stream(PROJECT_JSON);
    json = new JsonObjectWriter((piece) => sink.write(piece));
    json.finish(whole);
  }
  sink.write('\n');
  sink.end();
  performance.mark('markeer:export-json');
  const order = [manifest.path, PROJECT_JSON, ...textFiles.map((f) => f.path)];
  const zipped = await workers.zip(order, options.exportedAt);
  performance.mark('markeer:export-zipped');
  return ok({ data, bytes: zipped });
}
