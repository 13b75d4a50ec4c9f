// @vitest-environment node
import { normalizeText } from '../../domain/text';
import { importRefi } from './import';
import type { RefiImport } from './types';
import { fixture, imported, utf16leWithBom, zipOf } from './test-support';

const USER = 'AD68FBE7-E1EE-4A82-A279-23CC698C89EB';
const CODE = '{D299EFAE-5779-46DC-9827-A3D1A5D544BC}';
const SOURCE = '57C6099B-934F-4C86-90F2-CC6C2F2A3CC3';

describe('importRefi reads every shared sample, or says why not', () => {
  it('reads the ATLAS.ti codebook, its code group as a theme', async () => {
    const { data, report } = await imported('atlasti-win-23-codebook.qdc', fixture('atlasti-win-23-codebook.qdc'));
    expect(data.codes).toMatchObject([{ guid: '1ff58b12-6f6f-4b0c-8be5-bbdc91f55294', name: 'code1', color: '#46aa00', definition: 'description' }]);
    expect(data.documents).toEqual([]);
    expect(data.themes).toMatchObject([{ name: 'code group 1', definition: 'kategorie 1', parentGuid: null, codeGuids: ['1ff58b12-6f6f-4b0c-8be5-bbdc91f55294'] }]);
    expect(report.discarded).toEqual([]);
  });

  it('reads the invalid codebook with an empty Sets, with a warning', async () => {
    const { data, report } = await imported('invalid-empty-sets.qdc', fixture('invalid-empty-sets.qdc'));
    expect(data.codes.map((c) => c.name)).toEqual(['interesting', 'people', 'interesting\\places']);
    expect(report.warnings.some((w) => w.includes('empty <Sets/>'))).toBe(true);
  });

  it('reads the Annex A.1 codebook with braced and bare GUIDs in lower case', async () => {
    const { data } = await imported('spec-annex-a1-codebook.qdc', fixture('spec-annex-a1-codebook.qdc'));
    expect(data.codes.map((c) => c.guid)).toContain('5215cc69-b628-4e02-afb9-9beeaee55808');
    expect(data.codes.map((c) => c.guid)).toContain('9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520');
    expect(data.codes.find((c) => c.name === 'Economy')).toMatchObject({ color: '#ffff00', definition: 'Anything about jobs or taxes or business' });
  });

  it('reads the Annex A.2 .qde alone: users and codes, and reports the missing texts and every other element by name', async () => {
    const { data, report } = await imported('spec-annex-a2-atlasti-8.qde', fixture('spec-annex-a2-atlasti-8.qde'));
    expect(data.coders.map((c) => c.name)).toEqual(['ATLAS.ti', 'Friedrich Markgraf', 'Sebastian Petrausch']);
    expect(data.project.ownerCoderGuid).toBe(USER.toLowerCase());
    expect(data.codes).toHaveLength(14);
    expect(data.documents).toEqual([]);
    const text = report.discarded.join('\n');
    expect(text).toContain('document “Simon.docx” and its 3 selections: its text is not inside this .qde');
    expect(text).toContain('picture “cornflakes-n-milk.jpg”');
    expect(text).toContain('PDF document “Kellogg\'s Passion for Nutrition.pdf”');
    expect(text).toContain('audio file “Jeanine\'s Breakfast.m4a”');
    expect(text).toContain('video “1960s Coca Cola commercial.mp4”');
    expect(text).not.toContain('Research Plan');
    expect(data.memos.find((m) => m.title === 'Research Plan')).toMatchObject({ targetKind: 'project', targetGuid: null });
    expect(text).toContain('set “Mabel”: none of its 2 documents were imported');
    expect(text).toContain('graph “Netzwerk”');
  });

  it('reads the NVivo for Mac export: stored entries, sources/.root, nested codes', async () => {
    const { data, report } = await imported('nvivo-mac-15.qdpx', fixture('nvivo-mac-15.qdpx'));
    expect(data.coders).toHaveLength(2);
    expect(data.codes).toHaveLength(262);
    expect(data.codes.filter((c) => c.parentGuid !== null).length).toBeGreaterThan(200);
    expect(data.documents).toHaveLength(2);
    expect(report.discarded).toEqual([]);
  });

  it('reads the non-conformant bare plainTextPath, and every segment lies on its text', async () => {
    const { data, report } = await imported('nonconformant-paths.qdpx', fixture('nonconformant-paths.qdpx'));
    expect(data.documents.map((d) => d.name)).toEqual(['board_2017.txt', 'admin-1.txt']);
    expect(data.segments).toHaveLength(158);
    expect(data.codings).toHaveLength(205);
    const texts = new Map(data.texts.map((t) => [t.documentGuid, t.text]));
    for (const s of data.segments) expect(texts.get(s.documentGuid)?.slice(s.start, s.end)).toBe(s.text);
    expect(report.positionConvention[0]).toMatchObject({ decidedBy: 'word-boundaries' });
  });
});

describe('importRefi refuses what it cannot read, with a reason', () => {
  const refusal = async (name: string, bytes: Uint8Array) => {
    const r = await importRefi(name, bytes);
    if (r.ok) throw new Error('accepted');
    return r;
  };
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('refuses a .qdpx that is not a zip', async () => {
    expect(await refusal('x.qdpx', utf8('%PDF-1.7'))).toMatchObject({ reason: 'refi-not-zip' });
  });
  it('refuses a zip without a .qde, and one with two', async () => {
    expect(await refusal('x.qdpx', await zipOf({ 'a.txt': 'x' }))).toMatchObject({ reason: 'refi-no-qde', detail: 'the zip holds a.txt' });
    const two = await zipOf({ 'a.qde': '<Project name="a"/>', 'b.qde': '<Project name="b"/>' });
    expect(await refusal('x.qdpx', two)).toMatchObject({ reason: 'refi-several-qde', detail: 'a.qde, b.qde' });
  });
  it('refuses XML that is not well-formed, naming the line', async () => {
    const r = await refusal('x.qde', utf8('<Project name="a">\n<Users>\n</Project>'));
    expect(r.reason).toBe('refi-xml-invalid');
    expect(r.detail).toMatch(/^x\.qde, line 3: /);
  });
  it('refuses XML of another kind', async () => {
    expect(await refusal('x.qde', utf8('<html><body/></html>'))).toMatchObject({ reason: 'refi-not-project' });
  });
});

/** A source file and a .qde whose selections count positions the way `count` says. */
function projectXml(selections: { start: number; end: number; name: string; codeGuid?: string }[], extra = ''): string {
  const sel = selections
    .map(
      (s, i) =>
        `<PlainTextSelection guid="{0000000${i}-AAAA-4BBB-8CCC-DDDDDDDDDDDD}" name="${s.name}" startPosition="${s.start}" endPosition="${s.end}" creatingUser="${USER}">` +
        `<Coding guid="1000000${i}-AAAA-4BBB-8CCC-DDDDDDDDDDDD" creatingUser="${USER}"><CodeRef targetGUID="${s.codeGuid ?? CODE}"/></Coding></PlainTextSelection>`,
    )
    .join('');
  return (
    `\ufeff<?xml version="1.0" encoding="utf-8"?><q:Project xmlns:q="urn:QDA-XML:project:0:9" name="Trial"><q:Users><q:User guid="${USER}" name="Ann"/></q:Users>` +
    `<q:CodeBook><q:Codes><q:Code guid="${CODE}" name="diet" isCodable="true" color="#F08"/></q:Codes></q:CodeBook>` +
    `<q:Sources><q:TextSource guid="${SOURCE}" name="Interview" plainTextPath="internal://${SOURCE}.TXT">${sel}</q:TextSource></q:Sources>${extra}</q:Project>`
  );
}

type Count = { unit: 'cp' | 'u16'; bom: boolean; crlf: 1 | 2 };

/** Positions of raw[i..j) as a tool with that convention writes them. */
function positionOf(raw: string, i: number, c: Count, hasBom: boolean): number {
  const before = raw.slice(0, i);
  let n = c.unit === 'cp' ? [...before].length : before.length;
  if (c.crlf === 1) n -= before.split('\r\n').length - 1;
  if (hasBom && c.bom) n += 1;
  return n;
}

const RAW = 'I: Goedemorgen 😀 hoe gaat het?\r\nR: Café ☕️ met 𝒳 en e\u0301en croissant.\r\nI: En daarna?   \r\nR: 👩‍👩‍👧 kwamen thuis.\r\n';
const PICKS = ['Goedemorgen 😀 hoe', 'Café ☕️ met 𝒳 en e\u0301en', 'En daarna?', '👩‍👩‍👧 kwamen thuis.'];

async function importWith(c: Count, bytes: (raw: string) => Uint8Array, hasBom: boolean) {
  const selections = PICKS.map((p) => {
    const i = RAW.indexOf(p);
    return { start: positionOf(RAW, i, c, hasBom), end: positionOf(RAW, i + p.length, c, hasBom), name: p };
  });
  const zip = await zipOf({ 'Trial.qde': projectXml(selections), [`Sources/${SOURCE.toLowerCase()}.txt`]: bytes(RAW) }, true);
  return imported('Trial.qdpx', zip);
}

describe('importRefi finds how a file counts positions', () => {
  const utf8Bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
  const cases: [string, Count, (s: string) => Uint8Array, boolean][] = [
    ['NVivo Windows: UTF-16 units, byte-order mark not counted, CRLF as 2', { unit: 'u16', bom: false, crlf: 2 }, utf8Bom, true],
    ['UTF-16 units with the byte-order mark counted', { unit: 'u16', bom: true, crlf: 2 }, utf8Bom, true],
    ['ATLAS.ti: code points, CRLF as 1', { unit: 'cp', bom: false, crlf: 1 }, (s) => new TextEncoder().encode(s), false],
    ['code points of a UTF-16 file with a byte-order mark', { unit: 'cp', bom: false, crlf: 2 }, utf16leWithBom, true],
  ];
  it.each(cases)('%s', async (_, count, bytes, hasBom) => {
    const { data, report } = await importWith(count, bytes, hasBom);
    const expected = [
      count.unit === 'cp' ? 'code points' : 'UTF-16 code units',
      ...(hasBom ? [`byte-order mark ${count.bom ? 'counted' : 'not counted'}`] : []),
      `CRLF as ${count.crlf}`,
    ].join(', ');
    expect(report.positionConvention[0]?.positionConvention).toBe(expected);
    expect(data.texts[0]?.text).toBe(normalizeText(RAW));
    expect(data.segments.map((s) => s.text)).toEqual(PICKS);
    expect(report.discarded).toEqual([]);
    expect(report.positionConvention[0]?.decidedBy).toBe('selection-names');
    expect(data.codes[0]).toMatchObject({ guid: 'd299efae-5779-46dc-9827-a3d1a5d544bc', color: '#ff0088' });
    expect(data.codings.map((c) => c.codeGuid)).toEqual(PICKS.map(() => 'd299efae-5779-46dc-9827-a3d1a5d544bc'));
    expect(new Set(data.segments.map((s) => s.coderGuid))).toEqual(new Set([USER.toLowerCase()]));
  });

  it('reports a selection that fits no text and leaves it out', async () => {
    const raw = 'Een twee drie vier vijf.';
    const xml = projectXml([
      { start: 4, end: 8, name: 'twee' },
      { start: 0, end: 3, name: 'vijf' },
      { start: 20, end: 99, name: 'x' },
    ]);
    const { data, report } = await imported('p.qdpx', await zipOf({ 'project.qde': xml, [`sources/${SOURCE}.txt`]: raw }));
    expect(data.segments.map((s) => s.text)).toEqual(['twee']);
    expect(report.discarded).toHaveLength(2);
    expect(report.discarded[0]).toContain('“vijf” in “Interview”: its positions do not cover its text');
    expect(report.discarded[1]).toContain('lie outside the text');
  });
});

describe('importRefi turns vendor memo shapes into memos on segments, and MAXQDA’s description into a comment', () => {
  const raw = 'Alpha beta gamma delta.';
  const withNotes = (selectionInner: string, extra: string) =>
    projectXml([{ start: 6, end: 10, name: 'beta' }]).replace('</Coding></PlainTextSelection>', `</Coding>${selectionInner}</PlainTextSelection>`).replace('</q:Project>', `${extra}</q:Project>`);
  const note = (guid: string, text: string, inner = '') => `<Note guid="${guid}" name="n"><PlainTextContent>${text}</PlainTextContent>${inner}</Note>`;
  const SEL = '00000000-aaaa-4bbb-8ccc-dddddddddddd';
  const NOTE = '22222222-2222-4222-8222-222222222222';
  const run = async (xml: string) => imported('p.qdpx', await zipOf({ 'project.qde': xml, [`sources/${SOURCE}.txt`]: raw }));

  it('standard and NVivo: NoteRef from the selection', async () => {
    const { data, report } = await run(withNotes(`<NoteRef targetGUID="${NOTE}"/>`, `<Notes>${note(NOTE, 'why beta')}</Notes>`));
    expect(data.memos).toEqual([expect.objectContaining({ guid: NOTE, title: 'n', text: 'why beta', targetKind: 'segment', targetGuid: data.segments[0]?.guid })]);
    expect(data.segments[0]?.comment).toBe('');
    expect(report.discarded).toEqual([]);
  });
  it('ATLAS.ti: a Link between the note and the selection', async () => {
    const xml = withNotes('', `<Notes>${note(NOTE, 'linked')}</Notes><Links><Link guid="33333333-3333-4333-8333-333333333333" originGUID="${NOTE}" targetGUID="${SEL.toUpperCase()}"/></Links>`);
    const { data } = await run(xml);
    expect(data.memos.map((m) => [m.text, m.targetKind, m.targetGuid])).toEqual([['linked', 'segment', data.segments[0]?.guid]]);
  });
  it('MAXQDA: a Description on the selection', async () => {
    const xml = projectXml([{ start: 6, end: 10, name: 'beta' }]).replace('<Coding', '<Description>described</Description><Coding');
    expect((await run(xml)).data.segments[0]?.comment).toBe('described');
  });
  it('QualCoder: a Note holding the selection', async () => {
    const inner = `<PlainTextSelection guid="${SEL}" startPosition="6" endPosition="10"/>`;
    const { data } = await run(withNotes('', `<Notes>${note(NOTE, 'own', inner)}</Notes>`));
    expect(data.memos.map((m) => [m.text, m.targetKind, m.targetGuid])).toEqual([['own', 'segment', data.segments[0]?.guid]]);
  });
  it('memos on the document, on a code and on the project, and notes nothing refers to as project memos', async () => {
    const NOTE2 = '22222222-2222-4222-8222-222222222223';
    const NOTE3 = '22222222-2222-4222-8222-222222222224';
    const NOTE4 = '22222222-2222-4222-8222-222222222225';
    const xml = projectXml([{ start: 6, end: 10, name: 'beta' }])
      .replace('</q:TextSource>', `<NoteRef targetGUID="${NOTE}"/></q:TextSource>`)
      .replace(/(<q:Code [^>]*?)\/>/, `$1><NoteRef targetGUID="${NOTE2}"/></q:Code>`)
      .replace('</q:Project>', `<Notes>${note(NOTE, 'over het document')}${note(NOTE2, 'over de code')}${note(NOTE3, 'project')}${note(NOTE4, 'los')}</Notes><NoteRef targetGUID="${NOTE3}"/></q:Project>`);
    const { data, report } = await run(xml);
    expect(report.discarded).toEqual([]);
    const kinds = Object.fromEntries(data.memos.map((m) => [m.text, [m.targetKind, m.targetGuid]]));
    expect(kinds).toEqual({
      'over het document': ['document', data.documents[0]?.guid],
      'over de code': ['code', data.codes[0]?.guid],
      project: ['project', null],
      los: ['project', null],
    });
  });
});

describe('importRefi tolerates missing users, dates and bad colours', () => {
  it('gives work without a user to “Unknown”, salvages colours, and takes variables from cases', async () => {
    const VAR = '44444444-4444-4444-8444-444444444444';
    const xml =
      `<Project name="p"><CodeBook><Codes><Code guid="${CODE}" name="a" isCodable="true" color="rgba(255,0,0,1)"/><Code guid="55555555-5555-4555-8555-555555555555" name="b" isCodable="true" color="red"/></Codes></CodeBook>` +
      `<Variables><Variable guid="${VAR}" name="school" typeOfVariable="Text"/></Variables>` +
      `<Cases><Case guid="66666666-6666-4666-8666-666666666666"><VariableValue><VariableRef targetGUID="${VAR}"/><TextValue>De Linde</TextValue></VariableValue><SourceRef targetGUID="${SOURCE}"/></Case></Cases>` +
      `<Sources><TextSource guid="${SOURCE}" name="d"><PlainTextContent>Alpha beta.</PlainTextContent><PlainTextSelection guid="77777777-7777-4777-8777-777777777777" startPosition="0" endPosition="5"><Coding guid="88888888-8888-4888-8888-888888888888"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection></TextSource></Sources></Project>`;
    const { data, report } = await imported('p.qde', new TextEncoder().encode(xml));
    expect(data.coders.map((c) => c.name)).toEqual(['Unknown']);
    expect(data.segments[0]).toMatchObject({ text: 'Alpha', coderGuid: data.coders[0]?.guid });
    expect(data.codes.map((c) => c.color)).toEqual(['#ff0000', expect.stringMatching(/^#[0-9a-f]{6}$/)]);
    expect(data.documents[0]?.variables).toEqual({ school: 'De Linde' });
    expect(report.warnings.join('\n')).toContain('“Unknown”');
    expect(report.warnings.join('\n')).toContain('colour “red” is not a colour');
  });
});

describe('importRefi keeps one segment per coder and range', () => {
  it('merges two selections of the same user over the same text, with both codes', async () => {
    const CODE2 = '99999999-9999-4999-8999-999999999999';
    const xml = projectXml([
      { start: 0, end: 5, name: 'Alpha' },
      { start: 0, end: 5, name: 'Alpha', codeGuid: CODE2 },
    ]).replace('</q:Codes>', `<q:Code guid="${CODE2}" name="other" isCodable="true"/></q:Codes>`);
    const { data, report } = await imported('p.qdpx', await zipOf({ 'project.qde': xml, [`sources/${SOURCE}.txt`]: 'Alpha beta.' }));
    expect(data.segments).toHaveLength(1);
    expect(data.codings.map((c) => c.segmentGuid)).toEqual([data.segments[0]!.guid, data.segments[0]!.guid]);
    expect(report.warnings.join()).toContain('merged');
  });
});

describe('importRefi gives each user their own segment', () => {
  it("turns a coding by another user than the selection's into that user's segment over the same range", async () => {
    const BOB = 'B0B00000-0000-4000-8000-000000000000';
    const xml = projectXml([{ start: 0, end: 5, name: 'Alpha' }])
      .replace('<q:User guid', `<q:User guid="${BOB}" name="Bob"/><q:User guid`)
      .replace(`<Coding guid="10000000-AAAA-4BBB-8CCC-DDDDDDDDDDDD" creatingUser="${USER}">`, `<Coding guid="10000000-AAAA-4BBB-8CCC-DDDDDDDDDDDD" creatingUser="${BOB}">`);
    const { data } = await imported('p.qdpx', await zipOf({ 'project.qde': xml, [`sources/${SOURCE}.txt`]: 'Alpha beta.' }));
    expect(data.segments.map((s) => [s.text, s.coderGuid])).toEqual([['Alpha', BOB.toLowerCase()]]);
    expect(data.codings.map((c) => c.coderGuid)).toEqual([BOB.toLowerCase()]);
  });
});

describe('importRefi reads what QualCoder writes (refi.py export)', () => {
  const ANN_QC = '3a939f55-3bc1-42f3-aaf6-67c21175ab0c';
  const BRAM_QC = 'b006629a-f89b-44b1-b225-f721a8823e89';
  const KIND = 'f8530b8e-c37c-4b96-a355-cad4e5ea4871';
  const PUPIL = '905cc97c-e8ed-4f9c-9db0-15400e523dd3';
  const TEACHER = '1f25dac5-b22f-4142-b7a4-d9a0f1208198';
  /** 0-9 "I: Hello, ", 10-20 "how are yo", then the rest: 50 code points. */
  const PUPIL_TEXT = 'I: Hello, how are you doing today at school, pupil?';
  const TEACHER_TEXT = 'T: Busy.';
  const annotation = (guid: string, text: string, start: number, end: number, user = ANN_QC) =>
    `<Note guid="${guid}" creatingUser="${user}" creationDateTime="2026-01-15T10:00:00.000Z" >\n<PlainTextContent>${text}</PlainTextContent>\n<PlainTextSelection guid="${guid.replace(/^./, 'a')}" startPosition="${start}" endPosition="${end}" />\n</Note>\n`;
  /** A QualCoder export: two users, a code, two text sources (files with a byte-order mark), the given extra parts. */
  const qualcoder = (parts: { pupil?: string; teacher?: string; notes?: string; description?: string }) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="proj.qda" origin="QualCoder 4.0 Beta" creatingUserGUID="3577fb14-25d4-41fd-bffa-3cc1d09c0cf7" creationDateTime="2026-12-05T20:46:42Z" xmlns="urn:QDA-XML:project:1.0">\n` +
    `<Users>\n<User guid="${ANN_QC}" name="Anna de Vries" />\n<User guid="${BRAM_QC}" name="Bram Jansen" />\n</Users>\n` +
    `<CodeBook>\n<Codes>\n<Code guid="${KIND}" name="Kind" isCodable="true" color="#EB7333">\n<Description>Kind of context.</Description>\n</Code>\n</Codes>\n</CodeBook>\n` +
    `<Sources>\n<TextSource plainTextPath="internal://p.txt" creatingUser="${ANN_QC}" creationDateTime="2026-01-15T10:00:00.000Z" guid="${PUPIL}" name="Interview pupil">\n${parts.pupil ?? ''}</TextSource>\n` +
    `<TextSource plainTextPath="internal://t.txt" creatingUser="${ANN_QC}" creationDateTime="2026-01-15T10:00:00.000Z" guid="${TEACHER}" name="Interview teacher">\n${parts.teacher ?? ''}</TextSource>\n</Sources>\n` +
    `${parts.notes ? `<Notes>\n${parts.notes}</Notes>\n` : ''}${parts.description ?? '<Description></Description>\n'}</Project>`;
  const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
  const run = async (xml: string, extra: Record<string, Uint8Array | string> = {}) =>
    imported('proj.qdpx', await zipOf({ 'project.qde': xml, 'sources/p.txt': withBom(PUPIL_TEXT), 'sources/t.txt': withBom(TEACHER_TEXT), ...extra }));
  const NOTE = '7d2143d9-fb69-41c2-8af7-d28d311204ae';
  const coded = (start: number, end: number, description = '') =>
    `<PlainTextSelection guid="9a59edbc-1289-4577-84d0-20332dbdf3a7" startPosition="${start}" endPosition="${end}" name="${PUPIL_TEXT.slice(start, end)}" creatingUser="${ANN_QC}" creationDateTime="2026-01-15T10:00:00.000Z">\n` +
    `${description ? `<Description>${description}</Description>\n` : ''}<Coding guid="be2442c7-d8ab-4e73-8211-76fa3a6a0f6e" creatingUser="${ANN_QC}" >\n<CodeRef targetGUID="${KIND}" />\n</Coding>\n</PlainTextSelection>\n`;
  const memoOn = (data: RefiImport['data'], m: RefiImport['data']['memos'][number]) => {
    const s = data.segments.find((x) => x.guid === m.targetGuid);
    return { kind: m.targetKind, text: m.text, range: s ? [s.start, s.end] : null, coder: data.coders.find((c) => c.guid === (s?.coderGuid ?? m.authorGuid))?.name };
  };

  it('a QualCoder annotation at 10–20 arrives as a memo on a segment 10–20, by the annotation’s author, without codes', async () => {
    const { data, report } = await run(qualcoder({ pupil: `<NoteRef targetGUID="${NOTE}" />\n`, notes: annotation(NOTE, 'Ask again later.', 10, 20, BRAM_QC) }));
    expect(report.discarded).toEqual([]);
    expect(data.memos.map((m) => memoOn(data, m))).toEqual([{ kind: 'segment', text: 'Ask again later.', range: [10, 20], coder: 'Bram Jansen' }]);
    expect(data.segments.map((s) => s.text)).toEqual(['how are yo']);
    expect(data.codings).toEqual([]);
  });

  it('an annotation over a coded passage becomes a memo on that segment, and the selection’s Description (QualCoder’s coding memo) its comment', async () => {
    const { data } = await run(qualcoder({ pupil: `${coded(10, 20, 'coding memo')}<NoteRef targetGUID="${NOTE}" />\n`, notes: annotation(NOTE, 'Annotation.', 10, 20) }));
    expect(data.segments).toHaveLength(1);
    expect(data.segments[0]).toMatchObject({ start: 10, end: 20, comment: 'coding memo' });
    expect(data.codings).toHaveLength(1);
    expect(data.memos.map((m) => memoOn(data, m))).toEqual([{ kind: 'segment', text: 'Annotation.', range: [10, 20], coder: 'Anna de Vries' }]);
  });

  it('places annotations QualCoder does not refer to in the only document their range fits, and reports the range of one it cannot place', async () => {
    const OTHER = '06c5902a-2c4e-4e0b-bdb8-c4fd381a47c3';
    const NOWHERE = '5ce03ffc-31a2-4aa0-8b66-0fe0ff2f43f4';
    const notes = annotation(NOTE, 'Referred to.', 10, 20) + annotation(OTHER, 'Not referred to.', 30, 40) + annotation(NOWHERE, 'Fits both.', 0, 2);
    const { data, report } = await run(qualcoder({ pupil: `<NoteRef targetGUID="${NOTE}" />\n`, notes }));
    expect(data.memos.map((m) => memoOn(data, m)).sort((a, b) => (a.text < b.text ? -1 : 1))).toEqual([
      { kind: 'project', text: 'Fits both.', range: null, coder: 'Anna de Vries' },
      { kind: 'segment', text: 'Not referred to.', range: [30, 40], coder: 'Anna de Vries' },
      { kind: 'segment', text: 'Referred to.', range: [10, 20], coder: 'Anna de Vries' },
    ]);
    expect(report.warnings.join('\n')).toContain('1 note holding a range no document refers to');
    expect(report.discarded).toEqual(['the range 0–2 of note “unnamed note”: no document refers to the note and its range fits 2 documents, so it became a project memo']);
  });

  it('keeps an annotation whose range lies outside its text as a document memo, and reports it', async () => {
    const { data, report } = await run(qualcoder({ teacher: `<NoteRef targetGUID="${NOTE}" />\n`, notes: annotation(NOTE, 'Too far.', 10, 20) }));
    expect(data.memos.map((m) => [m.targetKind, m.text])).toEqual([['document', 'Too far.']]);
    expect(report.discarded).toEqual(['the range 10–20 of note “unnamed note” on “Interview teacher”: it lies outside the text; the note became a memo on the document']);
  });

  it('a project Description “x” becomes a project memo; an empty one is not reported', async () => {
    const full = await run(qualcoder({ description: '<Description>x</Description>\n' }));
    expect(full.data.memos.map((m) => [m.targetKind, m.targetGuid, m.title, m.text, m.authorGuid])).toEqual([['project', null, '', 'x', ANN_QC]]);
    expect(full.report.discarded).toEqual([]);
    const empty = await run(qualcoder({ description: '<Description />\n' }));
    expect(empty.data.memos).toEqual([]);
    expect(empty.report.discarded).toEqual([]);
    const absent = await run(qualcoder({ description: '' }));
    expect(absent.report.discarded).toEqual([]);
  });

  it('a text source’s Description (QualCoder’s document memo) and a journal (a Note with a file) arrive as document and project memos', async () => {
    const JOURNAL = '8f8d0eb5-822e-4830-8ef2-f54f9751d984';
    const xml = qualcoder({
      pupil: '<Description>About the pupil\nIn the library.</Description>\n',
      notes: `<Note guid="${JOURNAL}" creatingUser="${BRAM_QC}" creationDateTime="2026-01-15T10:00:00.000Z" name="Project memo"  plainTextPath="internal://${JOURNAL}.txt" >\n<Description /></Note>\n`,
    });
    const { data, report } = await run(xml, { [`sources/${JOURNAL}.txt`]: withBom('Line one.\r\nLine two.') });
    expect(report.discarded).toEqual([]);
    expect(data.memos.map((m) => [m.targetKind, m.targetGuid, m.title, m.text])).toEqual([
      ['document', PUPIL, '', 'About the pupil\nIn the library.'],
      ['project', null, 'Project memo', 'Line one.\nLine two.'],
    ]);
    expect(data.memos[1]?.authorGuid).toBe(BRAM_QC);
  });

  it('keeps variables whose names are also names of object properties', async () => {
    const V1 = '44444444-4444-4444-8444-444444444441';
    const V2 = '44444444-4444-4444-8444-444444444442';
    const xml = qualcoder({
      pupil: `<VariableValue><VariableRef targetGUID="${V1}"/><TextValue>a</TextValue></VariableValue><VariableValue><VariableRef targetGUID="${V2}"/><FloatValue>3</FloatValue></VariableValue>\n`,
    }).replace('<Sources>', `<Variables><Variable guid="${V1}" name="constructor" typeOfVariable="Text"/><Variable guid="${V2}" name="__proto__" typeOfVariable="Float"/></Variables>\n<Sources>`);
    const { data } = await run(xml);
    const values = data.documents.find((d) => d.guid === PUPIL)!.variables;
    expect(Object.entries(values)).toEqual([
      ['constructor', 'a'],
      ['__proto__', '3'],
    ]);
    expect(data.variables.map((v) => [v.name, v.type])).toEqual([
      ['constructor', 'text'],
      ['__proto__', 'number'],
    ]);
  });
});
