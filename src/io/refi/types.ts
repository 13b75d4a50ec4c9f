/**
 * REFI-QDA exchange (`.qdpx` project, `.qde` project XML, `.qdc` codebook): the shapes that cross
 * the io boundary. The standard and what real tools write: ../shared/refi-qda/README.md, copied
 * in part to fixtures/.
 */
import type { ProjectData } from '../../domain/project-data';

/**
 * How a file counts `PlainTextSelection` positions (section 10.2 says code points; NVivo writes
 * UTF-16 code units, counts a Windows byte-order mark or not, and CRLF as 2; ATLAS.ti counts CRLF
 * as 1).
 */
export interface PositionConvention {
  readonly unit: 'codepoints' | 'utf16';
  /** Whether a byte-order mark at the start of the text file counts as one position. */
  readonly bomCounted: boolean;
  /** How many positions a CRLF line end takes. */
  readonly crlf: 1 | 2;
}

export interface RefiDocumentReport {
  readonly name: string;
  /** Human-readable, e.g. "UTF-16 code units, CRLF as 2". */
  readonly positionConvention: string;
  /** How it was decided: by selections whose name holds their text, or by word boundaries. */
  readonly decidedBy: 'selection-names' | 'word-boundaries' | 'no-selections';
}

/** What an import could not carry over; shown to the user after import (standard section 7). */
export interface RefiReport {
  /** Every element not imported, human-readable and with its name. */
  readonly discarded: readonly string[];
  /** Per imported document, the position convention found. */
  readonly positionConvention: readonly RefiDocumentReport[];
  /** Things repaired on the way: colours, missing users and dates, invalid GUIDs. */
  readonly warnings: readonly string[];
}

export interface RefiImport {
  readonly data: ProjectData;
  readonly report: RefiReport;
}

/** Why a file cannot be imported at all; `detail` says where. ui maps reasons to text. */
export type RefiFailure =
  /** A `.qdpx` that is not a zip file; detail: what the file starts with. */
  | 'refi-not-zip'
  /** A zip that cannot be read (cut off, damaged); detail: the zip reader's message. */
  | 'refi-damaged'
  /** An entry the project names inflates beyond what it may hold (container.ts REFI_LIMITS); detail: entry, size, limit. */
  | 'refi-too-large'
  /** An entry name that climbs out of the zip, e.g. "../../x.txt"; detail: the name and why. */
  | 'refi-unsafe-name'
  /** The XML declares a document type (DTD), whose entities could expand to gigabytes or read local files; detail: file and line. */
  | 'refi-doctype'
  /** A zip without a `*.qde` at its root; detail: the files it holds. */
  | 'refi-no-qde'
  /** A zip with more than one `*.qde` at its root; detail: their names. */
  | 'refi-several-qde'
  /** Not well-formed XML; detail: file, line and the parser's message. */
  | 'refi-xml-invalid'
  /** Well-formed XML of another kind; detail: the root element found. */
  | 'refi-not-project'
  /** A file name whose extension is none of .qdpx, .qde, .qdc and whose content is not REFI-QDA. */
  | 'refi-unknown-file';

export const REFI_FAILURES: readonly RefiFailure[] = [
  'refi-not-zip',
  'refi-damaged',
  'refi-too-large',
  'refi-unsafe-name',
  'refi-doctype',
  'refi-no-qde',
  'refi-several-qde',
  'refi-xml-invalid',
  'refi-not-project',
  'refi-unknown-file',
];

export interface ExportOptions {
  /** Code points as the standard says; UTF-16 code units for NVivo. */
  readonly positions: 'codepoints' | 'utf16';
  /** The export time (UTC); now when absent. Tests fix it. */
  readonly now?: string;
  /**
   * Write codes whose name another code shares (“Kind” under two parents) under their path,
   * “Parent A / Kind”, for tools that match codes by name (QualCoder). Off: names as they are,
   * and the shared names are listed in `lost`.
   */
  readonly uniqueCodeNames?: boolean;
}

export interface QdpxExport {
  readonly bytes: Uint8Array;
  /**
   * What the file cannot represent, or represents otherwise than Markeer does (code names several
   * codes share, variables written as Text), to show before the user shares it.
   */
  readonly lost: readonly string[];
}
