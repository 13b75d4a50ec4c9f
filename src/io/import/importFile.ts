/**
 * One imported file to a document's name and normalised text. Expected failures are values.
 */
import { fail, ok, type Result } from '../../domain/assert';
import { normalizeText } from '../../domain/text';
import { parseSrt, parseVtt } from './captions';
import { decodeText, looksBinary } from './decode';
import { importDocx } from './docx';

export type ImportFailure =
  /** The extension is not one Markeer reads; detail: the extension, e.g. ".pdf". */
  | 'import-unsupported-type'
  /** The file holds no text. */
  | 'import-empty'
  /** The .docx could not be read; detail: mammoth's message. */
  | 'import-docx-unreadable'
  /** A text file with binary content, e.g. NUL bytes. */
  | 'import-not-text';

export interface ImportedText {
  /** The file name without its extension (and without any folder). */
  readonly name: string;
  /** Normalised text, see normalizeText. */
  readonly text: string;
  /** The file name as imported, without any folder. */
  readonly source: string;
}

type Reader = (bytes: Uint8Array) => Promise<Result<string, ImportFailure>>;

const readText =
  (toTranscript: (text: string) => string): Reader =>
  async (bytes) => {
    const decoded = decodeText(bytes);
    return looksBinary(decoded) ? fail('import-not-text') : ok(toTranscript(decoded));
  };

const readDocx: Reader = async (bytes) => {
  try {
    return ok(await importDocx(bytes));
  } catch (error) {
    return fail('import-docx-unreadable', error instanceof Error ? error.message : String(error));
  }
};

const asIs = (text: string): string => text;

/** Readers by lower-case extension. */
const READERS: ReadonlyMap<string, Reader> = new Map([
  ['.txt', readText(asIs)],
  ['.text', readText(asIs)],
  ['.md', readText(asIs)],
  ['.vtt', readText(parseVtt)],
  ['.srt', readText(parseSrt)],
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

  const read = await reader(bytes);
  if (!read.ok) return read;
  const text = normalizeText(read.value);
  if (text === '') return fail('import-empty');
  return ok({ name: source.slice(0, dot) || source, text, source });
}
