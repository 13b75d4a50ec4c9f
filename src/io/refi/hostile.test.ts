// @vitest-environment node
/**
 * REFI-QDA files that attack their reader (issue 13, items 2 and 6; recipes q01-q05, q14, q18-q20
 * of the malformed-file set): a zip bomb, a damaged zip, entry names that climb out of the zip,
 * and XML with a document type declaration (billion laughs, XXE).
 */
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { measured } from '../test-memory';
import { entriesOf, rebuild, zeros, type PackedEntry, type ZipEntryInput } from '../test-zips';
import { importRefi } from './import';
import { fixture } from './test-support';

const sample = fixture('qualcoder/markeer-sample.qdpx');
const SOURCE = 'sources/00000004-0000-4000-8000-000000000004.txt';

let bomb: PackedEntry;
beforeAll(async () => {
  bomb = await zeros(1.1e9);
}, 60_000);

const qdeOf = (entries: readonly ZipEntryInput[]): string => new TextDecoder().decode(inflateRawSync(entries.find((e) => e.name === 'project.qde')!.packed!.data));

/** The sample with its project.qde changed by `edit`. */
const withQde = (edit: (qde: string) => string): Uint8Array =>
  rebuild(sample, (entries) => entries.map((e) => (e.name === 'project.qde' ? { name: e.name, content: edit(qdeOf(entries)) } : e)));

const LAUGHS = `<!DOCTYPE Project [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>`;
const XXE = '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
const XXE_PARAM = '<!DOCTYPE Project [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>';

/** The declaration put after the XML declaration, and `entity` used in the project's name. */
const withDoctype = (doctype: string, entity: string) => (qde: string) =>
  qde.replace('<?xml version="1.0" encoding="utf-8"?>\n', `<?xml version="1.0" encoding="utf-8"?>\n${doctype}\n`).replace('name="QualCoder round trip"', `name="${entity}"`);

describe('importing a .qdpx with a zip bomb in it', () => {
  it('imports the project without inflating a 1.1 GB entry the project does not name (q01-zip-bomb)', async () => {
    const zip = rebuild(sample, (entries) => [...entries, { name: 'sources/bomb.txt', packed: bomb }]);
    const { result, seconds, peakMB } = await measured(() => importRefi('q01.qdpx', zip));
    expect(result.ok && result.value.data.documents.length).toBe(2);
    expect(seconds).toBeLessThan(5);
    expect(peakMB).toBeLessThan(200);
  });

  it('refuses a source text that declares 1.1 GB, naming the entry and the limit', async () => {
    const zip = rebuild(sample, (entries) => entries.map((e) => (e.name === SOURCE ? { name: SOURCE, packed: bomb } : e)));
    const { result, peakMB } = await measured(() => importRefi('bomb.qdpx', zip));
    expect(result).toEqual({ ok: false, reason: 'refi-too-large', detail: expect.stringContaining(`${SOURCE} declares 1,100,000,000 bytes; at most ${(4 * MAX_DOCUMENT_CHARS).toLocaleString('en-US')} bytes are allowed`) });
    expect(peakMB).toBeLessThan(200);
  });

  it('refuses a project.qde of 1.1 GB, naming it and the limit', async () => {
    const zip = rebuild(sample, (entries) => entries.map((e) => (e.name === 'project.qde' ? { name: e.name, packed: bomb } : e)));
    const result = await importRefi('bomb.qdpx', zip);
    expect(result).toEqual({ ok: false, reason: 'refi-too-large', detail: expect.stringMatching(/^project\.qde declares 1,100,000,000 bytes; at most 536,870,912 bytes are allowed/) });
  });
});

describe('importing a damaged or hostile .qdpx zip', () => {
  it('says a .qdpx cut in half is damaged, without a zip library’s internal message (q18-trunc)', async () => {
    const result = await importRefi('q18.qdpx', sample.slice(0, sample.length / 2));
    expect(result).toMatchObject({ ok: false, reason: 'refi-damaged', detail: expect.stringContaining('end of central directory) is missing') });
  });

  it('names the entry whose compressed data is damaged', async () => {
    const zip = rebuild(sample, (entries) =>
      entries.map((e) => {
        if (e.name !== 'project.qde') return e;
        const data = e.packed!.data.slice();
        data[100] = data[100]! ^ 0xff;
        data[101] = data[101]! ^ 0xff;
        return { name: e.name, packed: { ...e.packed!, data } };
      }),
    );
    expect(await importRefi('crc.qdpx', zip)).toMatchObject({ ok: false, reason: 'refi-damaged', detail: expect.stringMatching(/^project\.qde is damaged: /) });
  });

  it('refuses a source renamed "../../../tmp/x/qslip.txt" as an unsafe entry name, not as a missing text (q14-zip-slip)', async () => {
    const zip = rebuild(sample, (entries) => entries.map((e) => (e.name === SOURCE ? { name: '../../../tmp/x/qslip.txt', packed: e.packed } : e)));
    expect(await importRefi('q14.qdpx', zip)).toEqual({
      ok: false,
      reason: 'refi-unsafe-name',
      detail: 'the zip holds an entry named “../../../tmp/x/qslip.txt”, which is unsafe: it climbs out of its folder with “..”',
    });
  });

  it('reads no file outside the zip for a plainTextPath of "internal://../../../../etc/passwd" and says the path is unsafe', async () => {
    const zip = withQde((qde) => qde.replace('internal://00000004-0000-4000-8000-000000000004.txt', 'internal://../../../../etc/passwd'));
    const result = await importRefi('q14.qdpx', zip);
    expect(result.ok && result.value.report.discarded.join('\n')).toContain('its text file internal://../../../../etc/passwd is an unsafe path');
  });
});

describe('importing REFI-QDA XML with a document type declaration', () => {
  it.each([
    ['q02-billion-laughs.qdpx', LAUGHS, '&lol9;'],
    ['q03-laughs-small.qdpx', LAUGHS, '&lol4;'],
    ['q04-xxe.qdpx', XXE, '&xxe;'],
    ['q05-xxe-param.qdpx', XXE_PARAM, 'p'],
  ])('refuses %s, naming project.qde and the line', async (name, doctype, entity) => {
    const result = await importRefi(name, withQde(withDoctype(doctype, entity)));
    expect(result).toEqual({ ok: false, reason: 'refi-doctype', detail: expect.stringMatching(/^project\.qde, line 2: declares a document type/) });
  });

  it('refuses a bare .qde with an external entity (q20-xxe)', async () => {
    const qde = withDoctype(XXE, '&xxe;')(qdeOf(entriesOf(sample)));
    expect(await importRefi('q20-xxe.qde', new TextEncoder().encode(qde))).toMatchObject({ ok: false, reason: 'refi-doctype', detail: expect.stringContaining('q20-xxe.qde, line 2') });
  });

  it('refuses a .qdc codebook with a billion-laughs entity in a code name (q19-laughs)', async () => {
    const qdc = `<?xml version="1.0" encoding="utf-8"?>\n${LAUGHS}\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000001-0000-4000-8000-000000000001" name="&lol9;" isCodable="true"/></Codes></CodeBook>`;
    expect(await importRefi('q19-laughs.qdc', new TextEncoder().encode(qdc))).toMatchObject({ ok: false, reason: 'refi-doctype', detail: expect.stringContaining('q19-laughs.qdc, line 2') });
  });

  it('still reads "<!DOCTYPE" written inside a comment or as a description’s text', async () => {
    const zip = withQde((qde) => qde.replace('<?xml version="1.0" encoding="utf-8"?>\n', '<?xml version="1.0" encoding="utf-8"?>\n<!-- no <!DOCTYPE here -->\n').replace('name="QualCoder round trip"', 'name="&lt;!DOCTYPE x&gt;"'));
    const result = await importRefi('comment.qdpx', zip);
    expect(result.ok && result.value.data.project.name).toBe('<!DOCTYPE x>');
  });
});
