import JSZip from 'jszip';
import { assert } from '../../domain/assert';
import type { Guid, Timestamp } from '../../domain/model';
import { sha256Hex } from '../../domain/text';
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

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * A project as a bundle (see types.ts for the layout). A hand-out leaves out segments and
 * codings. The same data and export time always give the same bytes: keys and records are
 * sorted, and every zip entry carries the export time.
 */
export async function serializeBundle(data: ProjectData, options: SerializeOptions): Promise<Uint8Array> {
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  const documents = byKey(data.documents, (d) => d.guid);
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t]));
  assert(texts.size === documents.length && documents.every((d) => texts.has(d.guid)), 'every document has exactly one text');

  const files = await Promise.all(
    documents.map(async (d) => {
      const text = texts.get(d.guid)?.text ?? '';
      return { guid: d.guid, path: textPath(d.guid), bytes: utf8(text), sha256: await sha256Hex(text) };
    }),
  );
  const handout = options.kind === 'handout';
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: options.appVersion,
    exportedAt,
    projectGuid: data.project.guid,
    exportedBy: { guid: options.exportedBy.guid, name: options.exportedBy.name },
    kind: options.kind,
    documents: files.map(({ guid, path, sha256 }) => ({ guid, path, sha256 })),
  };
  const project: BundleProjectJson = {
    project: data.project,
    coders: byKey(data.coders, (c) => c.guid),
    documents,
    texts: byKey(data.texts.map(withoutText), (t) => t.documentGuid),
    codes: byKey(data.codes, (c) => c.guid),
    segments: handout ? [] : byKey(data.segments, (s) => s.guid),
    codings: handout ? [] : byKey(data.codings, (c) => c.guid),
    variables: byKey(data.variables, (v) => v.guid),
    groups: byKey(data.groups, (g) => g.guid).map((g) => ({ ...g, documentGuids: [...g.documentGuids].sort() })),
    memos: byKey(
      handout ? data.memos.filter((m) => m.targetKind !== 'segment') : data.memos,
      (m) => m.guid,
    ),
  };

  const zip = new JSZip();
  // Without createFolders JSZip would add a "texts/" entry stamped with the current time.
  const entry = { date: new Date(exportedAt), createFolders: false };
  zip.file('manifest.json', utf8(stableJson(manifest, 2)), entry);
  zip.file('project.json', utf8(stableJson(project)), entry);
  for (const f of files) zip.file(f.path, f.bytes, entry);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function withoutText({ text: _text, ...record }: ProjectData['texts'][number]): BundleTextRecord {
  return record;
}
