/**
 * The Markeer bundle (`.markeer`): one project as a zip file.
 *
 * ```
 * manifest.json          BundleManifest: format, version, app, time, project, exporter, texts
 * project.json           BundleProjectJson: the project's records, texts left out
 *                        (version 2 added variables, groups, memos, themes and attempts)
 * texts/<guid>.txt       each document's text: UTF-8 without byte-order mark, normalised
 * ```
 *
 * Records are stored as the database holds them (src/domain/model.ts), GUIDs lower case; JSON
 * keys are sorted and arrays ordered by GUID, so that two exports of the same data differ only in
 * `exportedAt`. The manifest carries the SHA-256 (lower-case hex) of each text file's bytes.
 * A hand-out is a bundle without segments, codings, memos on segments, attempts and the themes'
 * quotations: documents, codebook, variables, groups, themes and every coder, so that the coders'
 * bundles match the lead's project by GUID later. An exercise is a project with `exercise` set,
 * carrying the reference coder's work (hidden from the student in the app, not secret).
 */
import type { DocumentText, Guid, Timestamp } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';

export type { ProjectData } from '../../domain/project-data';

export const BUNDLE_FORMAT = 'markeer-bundle';
/** The format version this code writes. Older versions are migrated on read (migrate.ts). */
export const BUNDLE_FORMAT_VERSION = 2;

export type BundleKind = 'full' | 'handout' | 'exercise';

export interface BundleManifestDocument {
  readonly guid: Guid;
  /** Path of the text inside the zip, e.g. "texts/<guid>.txt". */
  readonly path: string;
  /** Lower-case hex SHA-256 of the text file's bytes (the UTF-8 of the text). */
  readonly sha256: string;
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly formatVersion: typeof BUNDLE_FORMAT_VERSION;
  /** Version of the Markeer app that wrote the bundle (package.json). */
  readonly appVersion: string;
  readonly exportedAt: Timestamp;
  readonly projectGuid: Guid;
  /** The coder who exported the bundle. */
  readonly exportedBy: { readonly guid: Guid; readonly name: string };
  readonly kind: BundleKind;
  readonly documents: readonly BundleManifestDocument[];
}

/** A document's text record without its text (which is the file texts/<guid>.txt). */
export type BundleTextRecord = Omit<DocumentText, 'text'>;

/** The content of project.json. */
export interface BundleProjectJson {
  readonly project: ProjectData['project'];
  readonly coders: ProjectData['coders'];
  readonly documents: ProjectData['documents'];
  readonly texts: readonly BundleTextRecord[];
  readonly codes: ProjectData['codes'];
  readonly segments: ProjectData['segments'];
  readonly codings: ProjectData['codings'];
  /** Since format version 2: variable definitions, document groups, memos, themes, attempts. */
  readonly variables: ProjectData['variables'];
  readonly groups: ProjectData['groups'];
  readonly memos: ProjectData['memos'];
  readonly themes: ProjectData['themes'];
  readonly attempts: ProjectData['attempts'];
}

export interface ParsedBundle {
  readonly manifest: BundleManifest;
  readonly data: ProjectData;
}

/**
 * Why a file is not a readable bundle; `detail` says where (file, record, document). ui maps the
 * reasons to text in one place.
 */
export type BundleFailure =
  /** Not a zip file at all; detail: what the file starts with. */
  | 'bundle-not-zip'
  /** A zip that cannot be read: cut off or damaged; detail: the zip reader's message or the entry. */
  | 'bundle-damaged'
  /** An entry the bundle names inflates beyond what its content may be (read.ts BUNDLE_LIMITS); detail: entry, size, limit. */
  | 'bundle-too-large'
  /** An entry name (or a path in the manifest) that climbs out of the zip, e.g. "../../x.txt"; detail: the name and why. */
  | 'bundle-unsafe-name'
  /** A zip without manifest.json (another kind of zip file). */
  | 'bundle-missing-manifest'
  /** A manifest of another format; detail: the format named there. */
  | 'bundle-not-markeer'
  /** Written by a newer Markeer; detail: the format version. */
  | 'bundle-newer-format'
  /** Structurally wrong; detail: the file and field, e.g. "project.json: segments[3].end is not a number". */
  | 'bundle-invalid'
  /** A document's text file is absent; detail: document name and path. */
  | 'bundle-missing-text'
  /** A text differs from its checksum, or is not in normalised form; detail: document name. */
  | 'bundle-checksum-mismatch'
  /** A segment's range lies outside its document; detail: segment, document, range and length. */
  | 'bundle-segment-outside-document'
  /** A segment's copy of its text differs from the document's text there; detail: segment and document. */
  | 'bundle-segment-text-mismatch'
  /** A document longer than Markeer keeps (domain/limits.ts); detail: its length and name (readDocumentTooLong). */
  | 'document-too-long';

export const BUNDLE_FAILURES: readonly BundleFailure[] = [
  'bundle-not-zip',
  'bundle-damaged',
  'bundle-too-large',
  'bundle-unsafe-name',
  'bundle-missing-manifest',
  'bundle-not-markeer',
  'bundle-newer-format',
  'bundle-invalid',
  'bundle-missing-text',
  'bundle-checksum-mismatch',
  'bundle-segment-outside-document',
  'bundle-segment-text-mismatch',
  'document-too-long',
];

/** A bundle's content as read from the zip, before validation: what migrations work on. */
export interface RawBundle {
  /** manifest.json, parsed. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** project.json, parsed; undefined when the zip has none. */
  readonly project: unknown;
  /** The files the bundle names by path: manifest.json and the texts the manifest lists (nothing else in the zip is read). */
  readonly files: ReadonlyMap<string, Uint8Array>;
}
