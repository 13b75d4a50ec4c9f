/**
 * Word documents (.docx) to text with mammoth: one paragraph per Word paragraph, separated by a
 * blank line. Tables, images and formatting are not kept.
 */
import { normalizeText } from '../../domain/text';

/**
 * The text of a .docx file. Throws mammoth's error when the bytes are not a readable Word
 * document; importFile turns that into 'import-docx-unreadable'.
 */
export async function importDocx(bytes: Uint8Array): Promise<string> {
  // Loaded on first use, so the app's first screen does not wait for mammoth and its zip reader.
  const { default: mammoth } = await import('mammoth');
  // A copy, so that the input is a plain ArrayBuffer even when `bytes` views part of a larger one.
  const arrayBuffer = new Uint8Array(bytes).buffer;
  // mammoth's Node build reads `buffer`, its browser build (package.json "browser" field, used by
  // Vite) reads `arrayBuffer`; both hand the value to JSZip, which takes an ArrayBuffer.
  const input = { arrayBuffer, buffer: arrayBuffer };
  const result = await mammoth.extractRawText(input);
  return normalizeText(result.value).replace(/\n{3,}/g, '\n\n');
}
