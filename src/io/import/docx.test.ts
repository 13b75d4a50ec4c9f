// @vitest-environment node
/**
 * Word files that attack their reader (issue 13, items 2 and 6; recipes t04, t04b, t04c of the
 * malformed-file set, and zip bombs): entries mammoth does not read are never inflated, an XML
 * part is refused at its limit, and XML with a document type declaration is refused by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { measured } from '../test-memory';
import { rebuild, zeros, type PackedEntry } from '../test-zips';
import { importFile } from './importFile';

const docx = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'zorgcoordinator-zuid.docx')));

let bomb: PackedEntry;
beforeAll(async () => {
  bomb = await zeros(1.1e9);
}, 60_000);

/** The fixture with word/document.xml changed by `edit`. */
const withDocument = (edit: (xml: string) => string): Uint8Array =>
  rebuild(docx, (entries) =>
    entries.map((e) => (e.name === 'word/document.xml' ? { name: e.name, content: edit(new TextDecoder().decode(inflateRawSync(e.packed!.data))) } : e)),
  );

/** A DOCTYPE after the XML declaration, and `use` as the first paragraph's text. */
const withDoctype = (doctype: string, use: string) => (xml: string) =>
  xml.replace('standalone="yes"?>', `standalone="yes"?>\n${doctype}\n`).replace('Interview zorgcoördinator', use);

const LAUGHS = `<!DOCTYPE w:document [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>`;

describe('importing a Word file with a document type declaration', () => {
  it.each([
    ['t04-docx-laughs.docx', LAUGHS, '&lol9;'],
    ['t04b-docx-laughs.docx', LAUGHS, '&lol9;&lol9;'],
    ['t04c-docx-xxe.docx', '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'],
  ])('refuses %s, naming word/document.xml and the line', async (name, doctype, use) => {
    const result = await importFile(name, withDocument(withDoctype(doctype, use)));
    expect(result).toEqual({ ok: false, reason: 'import-docx-unreadable', detail: expect.stringMatching(/^word\/document\.xml, line 2: declares a document type/) });
  });
});

describe('importing a Word file with a zip bomb in it', () => {
  it('imports the text without inflating a 1.1 GB image', async () => {
    const zip = rebuild(docx, (entries) => [...entries, { name: 'word/media/image1.png', packed: bomb }]);
    const { result, seconds, peakMB } = await measured(() => importFile('bomb.docx', zip));
    expect(result.ok && result.value.text).toMatch(/^Interview zorgcoördinator/);
    expect(seconds).toBeLessThan(5);
    expect(peakMB).toBeLessThan(200);
  });

  it('refuses a word/document.xml that declares 1.1 GB, naming it and the limit', async () => {
    const zip = rebuild(docx, (entries) => entries.map((e) => (e.name === 'word/document.xml' ? { name: e.name, packed: bomb } : e)));
    const { result, peakMB } = await measured(() => importFile('bomb.docx', zip));
    expect(result).toEqual({
      ok: false,
      reason: 'import-docx-unreadable',
      detail: expect.stringMatching(new RegExp(`^word/document\\.xml declares 1,100,000,000 bytes; at most [\\d,]+ bytes are allowed \\(a Word document’s XML may hold ${(8 * MAX_DOCUMENT_CHARS).toLocaleString('en-US')} bytes in all`)),
    });
    expect(peakMB).toBeLessThan(200);
  });

  it('says which entry of a damaged Word file is damaged', async () => {
    const zip = rebuild(docx, (entries) => entries.map((e) => (e.name === 'word/document.xml' ? { name: e.name, packed: { ...e.packed!, crc32: 1 } } : e)));
    expect(await importFile('crc.docx', zip)).toEqual({ ok: false, reason: 'import-docx-unreadable', detail: 'word/document.xml is damaged: its checksum (CRC-32) does not match its content' });
  });
});
