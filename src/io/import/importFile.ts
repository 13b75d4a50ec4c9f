/**
 * One imported file to a document's name and normalised text. Expected failures are values.
 */
import { fail, ok, type Result } from '../../domain/assert';
import { checkDocumentLength } from '../../domain/limits';
import { normalizeText } from '../../domain/text';
import { parseSrtWithNotes, parseVttWithNotes, type Captions } from './captions';
import { binaryEvidence, decodeTextWithNotes, removeStrayControls } from './decode';
import { importDocx } from './docx';
import type { ImportWarning } from './warnings';

export type ImportFailure =
  /** The extension is not one Markeer reads; detail: the extension, e.g. ".pdf". */
  | 'import-unsupported-type'
  /** The file holds no text. */
  | 'import-empty'
  /** The file has no bytes at all. */
  | 'import-empty-file'
  /** The .docx could not be read; detail: mammoth's message. */
  | 'import-docx-unreadable'
  /** A text file with binary content, e.g. NUL bytes; detail: how many control characters it holds. */
  | 'import-not-text'
  /** Longer than Markeer keeps (domain/limits.ts); detail: its length and name (readDocumentTooLong). */
  | 'document-too-long';

export interface ImportedText {
  /** The file name without its extension (and without any folder). */
  readonly name: string;
  /** Normalised text, see normalizeText. */
  readonly text: string;
  /** The file name as imported, without any folder. */
  readonly source: string;
  /** What the import changed or could not read as it should, to tell the user; usually none. */
  readonly warnings: readonly ImportWarning[];
}

/** A file's bytes to text; what the user should be told is added to `warnings`. */
type Reader = (bytes: Uint8Array, warnings: ImportWarning[]) => Promise<Result<string, ImportFailure>>;

const readText =
  (toTranscript: (text: string) => Captions): Reader =>
  async (bytes, warnings) => {
    const decoded = decodeTextWithNotes(bytes);
    const binary = binaryEvidence(decoded.text);
    if (binary !== null) return fail('import-not-text', binary);
    warnings.push(...decoded.notes);
    const cleaned = removeStrayControls(decoded.text);
    if (cleaned.count > 0) warnings.push({ kind: 'controls-removed', count: cleaned.count, places: cleaned.places });
    const transcript = toTranscript(cleaned.text);
    warnings.push(...transcript.notes);
    return ok(transcript.text);
  };

const readDocx: Reader = async (bytes) => {
  try {
    return ok(await importDocx(bytes));
  } catch (error) {
    return fail('import-docx-unreadable', error instanceof Error ? error.message : String(error));
  }
};

const asIs = (text: string): Captions => ({ text, notes: [] });

/** Readers by lower-case extension. */
const READERS: ReadonlyMap<string, Reader> = new Map([
  ['.txt', readText(asIs)],
  ['.text', readText(asIs)],
  ['.md', readText(asIs)],
  ['.vtt', readText(parseVttWithNotes)],
  ['.srt', readText(parseSrtWithNotes)],
  ['.docx', readDocx],
]);

/** Extensions importFile reads, lower case with their dot, e.g. for a file input's `accept`. */
export const IMPORT_EXTENSIONS: readonly string[] = [...READERS.keys()];

export async function importFile(fileName: string, bytes: Uint8Array): Promise<Result<ImportedText, ImportFailure>> {
  const source = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = source.lastIndexOf('.');
  const extension = dot === -1 ? '' : source.slice(dot).toLowerCase();
  const reader = READERS.get(extension);
  if (!reader) return fail('import-unsupported-type', extension);

  if (bytes.length === 0) return fail('import-empty-file');
  const warnings: ImportWarning[] = [];
  const read = await reader(bytes, warnings);
  if (!read.ok) return read;
  const text = normalizeText(read.value);
  if (text === '') return fail('import-empty');
  const name = source.slice(0, dot) || source;
  return checkDocumentLength(name, text.length) ?? ok({ name, text, source, warnings });
}
