/** Test helpers: fixtures, zips built by hand, schema validation with xmllint-wasm, and small projects. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { validateXML } from 'xmllint-wasm';
import type { Code, Guid, Memo, MemoTargetKind, Segment } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
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

const T = '2026-11-23T08:44:00.000Z';
const PROJECT = 'aa000000-0000-4000-8000-000000000000';
/** The owner of projectWith's project. */
export const ANN = 'a0000000-0000-4000-8000-000000000001';
/** projectWith's document. */
export const DOC = 'd0000000-0000-4000-8000-000000000001';

/**
 * A project of one coder (Ann, the owner) and one document whose text is `marked` without its
 * brackets: 'Alpha [beta] gamma' gives the text 'Alpha beta gamma' and a segment of Ann over
 * "beta" with GUID `segmentGuid`, coded with `codes` (their GUIDs) and with the comment given.
 */
export function projectWith(marked: string, segment: { guid?: Guid; codes?: readonly Guid[]; comment?: string } = {}): ProjectData {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const text = marked.replace('[', '').replace(']', '');
  const segments: Segment[] =
    start === -1
      ? []
      : [{ guid: segment.guid ?? '5e000000-0000-4000-8000-000000000001', projectGuid: PROJECT, documentGuid: DOC, coderGuid: ANN, start, end, text: text.slice(start, end), comment: segment.comment ?? '', createdAt: T }];
  return {
    project: { guid: PROJECT, name: 'Project', createdAt: T, updatedAt: T, ownerCoderGuid: ANN, template: null },
    coders: [{ guid: ANN, projectGuid: PROJECT, name: 'Ann', color: '#1d4e89' }],
    documents: [{ guid: DOC, projectGuid: PROJECT, name: 'Interview', length: text.length, sha256: '', createdAt: T, updatedAt: T, variables: {}, speakerMap: {}, order: 0 }],
    texts: [{ documentGuid: DOC, projectGuid: PROJECT, text, turns: [] }],
    codes: [],
    segments,
    codings: segments.flatMap((s) =>
      (segment.codes ?? []).map((codeGuid, i) => ({ guid: `c0000000-0000-4000-8000-00000000000${i}`, projectGuid: PROJECT, segmentGuid: s.guid, documentGuid: DOC, codeGuid, coderGuid: ANN, createdAt: T })),
    ),
    variables: [],
    groups: [],
    memos: [],
    themes: [],
    attempts: [],
  };
}

export const codeOf = (guid: Guid, name: string, parentGuid: Guid | null = null, order = 0): Code => ({
  guid,
  projectGuid: PROJECT,
  parentGuid,
  name,
  color: '#1f77b4',
  definition: '',
  order,
  shortcut: null,
});

export const memoOf = (guid: Guid, targetKind: MemoTargetKind, targetGuid: Guid | null, title: string, text: string): Memo => ({
  guid,
  projectGuid: PROJECT,
  title,
  text,
  rich: null,
  targetKind,
  targetGuid,
  authorGuid: ANN,
  createdAt: T,
  updatedAt: T,
});

/** The files of an exported project, project.qde among them. */
export async function exportedFiles(bytes: Uint8Array): Promise<{ qde: string; files: Map<string, string> }> {
  const files = await unzipText(bytes);
  return { qde: files.get('project.qde') ?? '', files };
}
