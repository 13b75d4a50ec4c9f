/** Test helpers: fixtures, zips built by hand, and schema validation with xmllint-wasm. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { validateXML } from 'xmllint-wasm';
import type { RefiImport } from './types';
import { importRefi } from './import';

export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));

const schemas = {
  project: readFileSync(join(import.meta.dirname, 'fixtures', 'Project.xsd'), 'utf8'),
  codebook: readFileSync(join(import.meta.dirname, 'fixtures', 'Codebook.xsd'), 'utf8'),
};

/** The schema errors of an XML text ([] when valid). */
export async function schemaErrors(xml: string, schema: 'project' | 'codebook'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: schema === 'project' ? 'project.qde' : 'codebook.qdc', contents: xml }],
    schema: [{ fileName: schema === 'project' ? 'Project.xsd' : 'Codebook.xsd', contents: schemas[schema] }],
  });
  return result.errors.map((e) => e.rawMessage);
}

/** A zip of the given files; `store` writes them uncompressed, as NVivo does. */
export async function zipOf(files: Record<string, Uint8Array | string>, store = false): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content, { createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: store ? 'STORE' : 'DEFLATE' });
}

export async function unzipText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) out.set(entry.name, await entry.async('string'));
  return out;
}

export async function imported(fileName: string, bytes: Uint8Array): Promise<RefiImport> {
  const result = await importRefi(fileName, bytes);
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.detail ?? ''}`);
  return result.value;
}

/** UTF-16 little-endian bytes with a byte-order mark, as Windows tools write. */
export function utf16leWithBom(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[2 + 2 * i] = c & 0xff;
    bytes[3 + 2 * i] = c >> 8;
  }
  return bytes;
}
