import JSZip from 'jszip';
import { assert } from '../../domain/assert';
import type { DocumentGroup, DocumentText, Guid, Timestamp } from '../../domain/model';
import { mapLists, rowKey, type ListName } from '../../domain/tables';
import { sha256HexOfBytes } from '../../domain/text';
import { byKey, stableJson } from './json';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleKind,
  type BundleManifest,
  type BundleProjectJson,
  type BundleTextRecord,
  type ProjectData,
} from './types';

export interface SerializeOptions {
  readonly kind: BundleKind;
  readonly appVersion: string;
  readonly exportedBy: { readonly guid: Guid; readonly name: string };
  /** The export time; now when absent (fixtures and tests fix it). */
  readonly exportedAt?: Timestamp;
}

/** Where a document's text lives inside the zip. */
export const textPath = (documentGuid: Guid): string => `texts/${documentGuid}.txt`;

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

/**
 * A project as a bundle (see types.ts for the layout). A hand-out leaves out segments and
 * codings. The same data and export time always give the same bytes: keys and records are
 * sorted, and every zip entry carries the export time.
 */
export async function serializeBundle(data: ProjectData, options: SerializeOptions): Promise<Uint8Array> {
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  return zipEntries(await bundleEntries(data, { ...options, exportedAt }), exportedAt);
}

/** The path of the entry that holds the project's records (`projectJson`). */
export const PROJECT_JSON = 'project.json';

/**
 * One file of a bundle: bytes, or a value written as stable JSON (`stableJson(json, indent)`,
 * UTF-8). The same entries always zip to the same bytes, here or in `zip-entries.ts`.
 */
export type BundleEntry = { readonly path: string; readonly bytes: Uint8Array } | { readonly path: string; readonly json: unknown; readonly indent?: number };

export const entryBytes = (e: BundleEntry): Uint8Array => ('bytes' in e ? e.bytes : utf8(stableJson(e.json, e.indent)));

/** A document's text as a file of the bundle: where it lives, its UTF-8 bytes and their SHA-256 (the manifest's). */
export interface TextFile {
  readonly guid: Guid;
  readonly path: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sha256: Promise<string>;
}

/** The file of one text; the digest is taken of the bytes now, so that they may be handed on at once. */
export function textFile(text: DocumentText): TextFile {
  const bytes = utf8(text.text);
  return { guid: text.documentGuid, path: textPath(text.documentGuid), bytes, sha256: sha256HexOfBytes(bytes) };
}

/** The project's texts in the order of its documents (GUID order); every document has exactly one. */
export function textsInDocumentOrder(data: Pick<ProjectData, 'documents' | 'texts'>): DocumentText[] {
  const documents = byKey(data.documents, (d) => d.guid);
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t]));
  assert(texts.size === documents.length && documents.every((d) => texts.has(d.guid)), 'every document has exactly one text');
  return documents.map((d) => texts.get(d.guid) as DocumentText);
}

/** The bundle's files in zip order: manifest.json, project.json, then each document's text. */
export async function bundleEntries(data: ProjectData, options: SerializeOptions & { readonly exportedAt: Timestamp }): Promise<BundleEntry[]> {
  const files = textsInDocumentOrder(data).map(textFile);
  return [await manifestEntry(data, options, files), { path: PROJECT_JSON, json: projectJson(data, options.kind) }, ...files.map((f) => ({ path: f.path, bytes: f.bytes }))];
}

/** manifest.json, given the text files in the order of the documents (`textsInDocumentOrder`). */
export async function manifestEntry(
  data: ProjectData,
  options: SerializeOptions & { readonly exportedAt: Timestamp },
  files: readonly Pick<TextFile, 'guid' | 'path' | 'sha256'>[],
): Promise<BundleEntry> {
  const digests = await Promise.all(files.map((f) => f.sha256));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: options.appVersion,
    exportedAt: options.exportedAt,
    projectGuid: data.project.guid,
    exportedBy: { guid: options.exportedBy.guid, name: options.exportedBy.name },
    kind: options.kind,
    documents: files.map(({ guid, path }, i) => ({ guid, path, sha256: digests[i] as string })),
  };
  return { path: 'manifest.json', json: manifest, indent: 2 };
}

/**
 * What a hand-out (documents and codebook for coders to code) keeps of each list, as
 * `domain/tables.ts` declares it; the compiler checks that every list has its rule.
 */
const HANDOUT: { readonly [L in ListName]: (rows: ProjectData[L]) => ProjectData[L] } = {
  attempts: () => [],
  coders: (rows) => rows,
  codes: (rows) => rows,
  codings: () => [],
  documents: (rows) => rows,
  groups: (rows) => rows,
  memos: (rows) => rows.filter((m) => m.targetKind !== 'segment'),
  segments: () => [],
  texts: (rows) => rows,
  themes: (rows) => rows.map((t) => ({ ...t, quoteSegmentGuids: [] })),
  variables: (rows) => rows,
};

/** project.json: the project's records, each list (every declared list) in key order. */
export function projectJson(data: ProjectData, kind: BundleKind): BundleProjectJson {
  const handout = kind === 'handout';
  const lists = mapLists(<L extends ListName>(list: L) => {
    const rows: ProjectData[L] = handout ? HANDOUT[list](data[list]) : data[list];
    return byKey(rows as readonly object[], rowKey(list));
  });
  return {
    project: data.project,
    ...lists,
    texts: (lists.texts as DocumentText[]).map(withoutText),
    groups: (lists.groups as DocumentGroup[]).map((g) => ({ ...g, documentGuids: [...g.documentGuids].sort() })),
  } as BundleProjectJson;
}

// ---- Zipping the entries. The browser's export does the same in workers (zip-entries.ts). ----

/** JSZip's options for a bundle; `zip-entries.ts` compresses with the same level. */
export const ZIP_OPTIONS = { type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } } as const;

/** The entries as a zip, in their order, each stamped with the export time. */
export async function zipEntries(entries: readonly BundleEntry[], exportedAt: Timestamp): Promise<Uint8Array> {
  const zip = new JSZip();
  // Without createFolders JSZip would add a "texts/" entry stamped with the current time.
  const entry = { date: new Date(exportedAt), createFolders: false };
  for (const e of entries) zip.file(e.path, entryBytes(e), entry);
  return zip.generateAsync(ZIP_OPTIONS);
}

function withoutText({ text: _text, ...record }: ProjectData['texts'][number]): BundleTextRecord {
  return record;
}
