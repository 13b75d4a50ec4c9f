import { DOCUMENT_TOO_LONG, describeDocumentTooLong } from '../domain/limits';

/** What the command line says for each expected failure (the CLI speaks English). */
export const FAILURE_TEXT: Record<string, string> = {
  'bundle-not-zip': 'is not a Markeer bundle (not a zip file)',
  'bundle-damaged': 'is a damaged or truncated zip file',
  'bundle-too-large': 'holds an entry larger than a bundle allows (a zip bomb or a damaged file)',
  'bundle-unsafe-name': 'holds an unsafe entry name, one that points outside the bundle',
  'bundle-missing-manifest': 'is a zip file without manifest.json, so not a Markeer bundle',
  'bundle-not-markeer': 'has a manifest of another format',
  'bundle-newer-format': 'was written by a newer version of Markeer (format version shown); update Markeer to read it',
  'bundle-invalid': 'is not a valid bundle',
  'bundle-missing-text': 'lacks the text of a document',
  'bundle-checksum-mismatch': 'has a document text that does not match its checksum (changed or damaged)',
  'bundle-segment-outside-document': 'has a segment outside its document',
  'bundle-segment-text-mismatch': 'has a segment whose copied text differs from its document',
  'refi-not-zip': 'is not a REFI-QDA project (.qdpx is a zip file; this is not)',
  'refi-damaged': 'is a damaged or truncated REFI-QDA file',
  'refi-too-large': 'holds an entry larger than a REFI-QDA project allows (a zip bomb or a damaged file)',
  'refi-unsafe-name': 'holds an unsafe entry name, one that points outside the project',
  'refi-doctype': 'declares a document type (DTD); Markeer refuses DTDs, as their entities can expand without bound or read local files',
  'refi-no-qde': 'is a zip without a project .qde file, so not a REFI-QDA project',
  'refi-several-qde': 'holds several .qde files at its root; a REFI-QDA project has one',
  'refi-xml-invalid': 'is not well-formed XML',
  'refi-not-project': 'is XML, but not a REFI-QDA project or codebook',
  'refi-unknown-file': 'is not a file type of REFI-QDA (.qdpx, .qde, .qdc)',
  'import-unsupported-type': 'has a file type Markeer cannot import (use .txt, .docx, .vtt or .srt)',
  'import-empty': 'holds no text',
  'import-empty-file': 'is empty (0 bytes)',
  'import-docx-unreadable': 'is a Word file that cannot be read',
  'import-not-text': 'is not a text file',
};

export function describeFailure(file: string, failure: { reason: string; detail?: string }): string {
  if (failure.reason === DOCUMENT_TOO_LONG) return `${file}: ${describeDocumentTooLong(failure.detail ?? '')}; split it into parts [${failure.reason}]`;
  const what = FAILURE_TEXT[failure.reason] ?? failure.reason;
  return `${file}: ${what}${failure.detail ? ` (${failure.detail})` : ''} [${failure.reason}]`;
}

/** Exit statuses: 0 done, 1 a clean refusal (bad input, said why), 2 usage shown, 70 a failure Markeer did not expect (EX_SOFTWARE). */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_SOFTWARE = 70;

/**
 * What the command line says when something fails that it did not expect (a bug, or a limit it
 * does not check): the command, what it was doing, the error in one line, and where the details
 * are. The stack trace itself only with `--debug`.
 */
export function describeUnexpected(command: string, doing: string, error: unknown, debug: boolean): string[] {
  const line = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const lines = [`markeer ${command}: unexpected failure while ${doing}: ${line.split('\n')[0]}`];
  if (debug) lines.push(error instanceof Error && error.stack ? error.stack : line);
  else lines.push('This is a failure Markeer did not expect. Run the same command with --debug for the details (the stack trace), and report them.');
  return lines;
}
