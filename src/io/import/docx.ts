/**
 * Word documents (.docx) to text with mammoth: one paragraph per Word paragraph, separated by a
 * blank line. Tables, images and formatting are not kept.
 *
 * A .docx is a zip from outside, so mammoth never sees it as it came: its XML parts (`*.xml`,
 * `*.rels`, all mammoth reads for text) are inflated here within one budget (DOCX_XML_LIMIT),
 * checked for a document type declaration (doctype.ts), and handed to mammoth in a new zip,
 * stored; images and other entries are never inflated.
 */
import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { normalizeText } from '../../domain/text';
import { doctypeLine, doctypeMessage } from '../doctype';
import { bytesText, firstUnsafeName, isFolder, readZipDirectory, readZipEntry } from '../zip';

/**
 * How many bytes a .docx's XML parts may inflate to together. Word wraps every run of text in
 * markup (`<w:r><w:rPr>…</w:rPr><w:t>…</w:t></w:r>`): 8 bytes of XML for each of the
 * MAX_DOCUMENT_CHARS characters Markeer keeps is room for a heavily formatted document of that
 * length; a zip bomb's gigabytes are refused as the count passes it.
 */
export const DOCX_XML_LIMIT = 8 * MAX_DOCUMENT_CHARS;

const isXmlPart = (name: string): boolean => /\.(xml|rels)$/i.test(name);

/** An XML part's text, for looking for a DTD: UTF-16 when it starts with a byte-order mark, else UTF-8. */
function xmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The XML parts of a .docx, each inflated within what is left of DOCX_XML_LIMIT and without a DTD;
 * throws an Error naming the entry and what is wrong with it.
 */
async function checkedParts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) throw new Error(directory.detail);
  const unsafe = firstUnsafeName(directory.value, true);
  if (unsafe) throw new Error(unsafe);
  const parts = new Map<string, Uint8Array>();
  let left = DOCX_XML_LIMIT;
  for (const entry of directory.value) {
    if (isFolder(entry) || !isXmlPart(entry.name)) continue;
    const why = `a Word document’s XML may hold ${bytesText(DOCX_XML_LIMIT)} in all, 8 bytes for each of the ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} characters a document may have`;
    const read = await readZipEntry(bytes, entry, { bytes: left, why });
    if (!read.ok) throw new Error(read.detail);
    const line = doctypeLine(xmlText(read.value));
    if (line !== undefined) throw new Error(doctypeMessage(entry.name, line));
    left -= read.value.length;
    parts.set(entry.name, read.value);
  }
  return parts;
}

/**
 * The text of a .docx file. Throws an Error saying why when the bytes are not a readable Word
 * document (mammoth's message, or the entry that is damaged, too large or declares a DTD);
 * importFile turns that into 'import-docx-unreadable'.
 */
export async function importDocx(bytes: Uint8Array): Promise<string> {
  const parts = await checkedParts(bytes);
  // Loaded on first use, so the app's first screen does not wait for mammoth and its zip reader.
  const [{ default: mammoth }, { default: JSZip }] = await Promise.all([import('mammoth'), import('jszip')]);
  const zip = new JSZip();
  for (const [name, part] of parts) zip.file(name, part, { createFolders: false });
  const arrayBuffer = await zip.generateAsync({ type: 'arraybuffer', compression: 'STORE' });
  // mammoth's Node build reads `buffer`, its browser build (package.json "browser" field, used by
  // Vite) reads `arrayBuffer`; both hand the value to JSZip, which takes an ArrayBuffer.
  const input = { arrayBuffer, buffer: arrayBuffer };
  const result = await mammoth.extractRawText(input);
  return normalizeText(result.value).replace(/\n{3,}/g, '\n\n');
}
