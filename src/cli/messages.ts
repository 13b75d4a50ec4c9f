/** What the command line says for each expected failure (the CLI speaks English). */
export const FAILURE_TEXT: Record<string, string> = {
  'bundle-not-zip': 'is not a Markeer bundle (not a zip file)',
  'bundle-damaged': 'is a damaged or truncated zip file',
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
  'refi-no-qde': 'is a zip without a project .qde file, so not a REFI-QDA project',
  'refi-several-qde': 'holds several .qde files at its root; a REFI-QDA project has one',
  'refi-xml-invalid': 'is not well-formed XML',
  'refi-not-project': 'is XML, but not a REFI-QDA project or codebook',
  'refi-unknown-file': 'is not a file type of REFI-QDA (.qdpx, .qde, .qdc)',
  'import-unsupported-type': 'has a file type Markeer cannot import (use .txt, .docx, .vtt or .srt)',
  'import-empty': 'holds no text',
  'import-docx-unreadable': 'is a Word file that cannot be read',
  'import-not-text': 'is not a text file',
};

export function describeFailure(file: string, failure: { reason: string; detail?: string }): string {
  const what = FAILURE_TEXT[failure.reason] ?? failure.reason;
  return `${file}: ${what}${failure.detail ? ` (${failure.detail})` : ''} [${failure.reason}]`;
}
