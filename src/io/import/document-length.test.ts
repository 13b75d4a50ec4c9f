import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { importFile } from './importFile';

/** `length` bytes of ASCII transcript lines (t01-200mb.txt's recipe, at the limit's size). */
function transcript(length: number): Uint8Array {
  const line = 'I: zo gaat het gesprek verder, regel na regel.\n';
  const bytes = new Uint8Array(length);
  bytes.set(new TextEncoder().encode(line.repeat(Math.ceil(length / line.length)).slice(0, length)));
  bytes[length - 1] = 0x78; // end on a letter, so that normalising keeps every character
  return bytes;
}

describe('importing a document longer than Markeer keeps', () => {
  it('refuses a text file one character over the limit, with its name and length', async () => {
    const result = await importFile('Lang gesprek.txt', transcript(MAX_DOCUMENT_CHARS + 1));
    expect(result).toEqual({ ok: false, reason: 'document-too-long', detail: `${MAX_DOCUMENT_CHARS + 1} Lang gesprek` });
  }, 30_000);

  it('counts the text as it is stored: white space that normalising drops does not count', async () => {
    const bytes = new Uint8Array(MAX_DOCUMENT_CHARS + 2).fill(0x20);
    bytes.set(transcript(MAX_DOCUMENT_CHARS));
    const result = await importFile('precies.txt', bytes);
    expect(result.ok && result.value.text.length).toBe(MAX_DOCUMENT_CHARS);
  }, 30_000);
});
