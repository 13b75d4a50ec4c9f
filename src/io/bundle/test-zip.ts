/** Test helpers: take a bundle apart, damage it by hand, and zip it up again. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

export const demoBundle = (): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'v1-demo.markeer')));

export async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
  return files;
}

export async function zipFiles(files: ReadonlyMap<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of files) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The bundle with its files changed by `edit`. */
export async function rezip(bytes: Uint8Array, edit: (files: Map<string, Uint8Array | string>) => void): Promise<Uint8Array> {
  const files: Map<string, Uint8Array | string> = await unzip(bytes);
  edit(files);
  return zipFiles(files);
}

// Hand-edited JSON is untyped on purpose: tests write what a careless editor might.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const readJson = (files: ReadonlyMap<string, Uint8Array | string>, path: string): Json => {
  const content = files.get(path);
  return JSON.parse(typeof content === 'string' ? content : new TextDecoder().decode(content));
};

/** The bundle with one JSON file changed by `edit`. */
export function editJson(bytes: Uint8Array, path: 'manifest.json' | 'project.json', edit: (json: Json) => void): Promise<Uint8Array> {
  return rezip(bytes, (files) => {
    const json = readJson(files, path);
    edit(json);
    files.set(path, JSON.stringify(json));
  });
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
