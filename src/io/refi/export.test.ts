// @vitest-environment node
import fc from 'fast-check';
import { flattenTree } from '../../domain/codebook';
import type { Code } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import { projectData } from './arbitrary';
import { derivedGuid, exportQdc, exportQdpx, untitledNoteName } from './export';
import { codeNames } from './export-codes';
import { plainDecimal } from './export-variables';
import { importRefi } from './import';
import { ANN, codeOf, DOC, exportedFiles, imported, memoOf, projectWith, schemaErrors, unzipText } from './test-support';

const NOW = '2026-11-23T09:00:00.000Z';
/** Fixed seed: the same cases every run. */
const RUNS = { seed: 20261123, numRuns: 100 } as const;

/** What a round trip must keep, in a form that does not depend on record order or new GUIDs. */
function essence(data: ProjectData) {
  const codeRows = flattenTree(data.codes).map(({ code, depth }) => ({ guid: code.guid, parentGuid: code.parentGuid, depth, name: code.name, color: code.color, definition: code.definition }));
  const byGuid = <T extends { guid: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.guid < b.guid ? -1 : 1));
  return {
    coders: byGuid(data.coders).map(({ guid, name }) => ({ guid, name })),
    codes: codeRows,
    documents: byGuid(data.documents).map(({ guid, name, variables }) => ({ guid, name, variables })),
    texts: [...data.texts].sort((a, b) => (a.documentGuid < b.documentGuid ? -1 : 1)).map(({ documentGuid, text }) => ({ documentGuid, text })),
    segments: byGuid(data.segments).map(({ guid, documentGuid, coderGuid, start, end, text, comment }) => ({ guid, documentGuid, coderGuid, start, end, text, comment })),
    codings: data.codings.map((c) => `${c.segmentGuid} ${c.codeGuid} ${c.coderGuid}`).sort(),
    variables: [...data.variables].sort((a, b) => a.order - b.order).map(({ name, type }) => ({ name, type })),
    groups: byGuid(data.groups).map(({ guid, name, description, documentGuids }) => ({ guid, name, description, documentGuids: [...documentGuids].sort() })),
    themes: byGuid(data.themes).map(({ guid, name, definition, scopeNote, codeGuids }) => ({ guid, name, definition, scopeNote, codeGuids: [...codeGuids].sort() })),
    // The title as shown: a memo titled exactly like its first line reads back untitled, which shows the same.
    memos: byGuid(data.memos).map(({ guid, title, text, targetKind, targetGuid, authorGuid, createdAt, updatedAt }) => ({
      guid,
      shownTitle: title || untitledNoteName(text),
      text,
      targetKind,
      targetGuid,
      authorGuid,
      createdAt,
      updatedAt,
    })),
  };
}

describe('exportQdpx', () => {
  it('writes a project.qde valid against Project.xsd, with or without unique code names, and texts without a byte-order mark', async () => {
    await fc.assert(
      fc.asyncProperty(projectData, fc.constantFrom('codepoints' as const, 'utf16' as const), fc.boolean(), async (data, positions, uniqueCodeNames) => {
        const { bytes } = await exportQdpx(data, { positions, now: NOW, uniqueCodeNames });
        const files = await unzipText(bytes);
        expect(await schemaErrors(files.get('project.qde')!, 'project')).toEqual([]);
        for (const d of data.documents) {
          const text = files.get(`sources/${d.guid}.txt`);
          expect(text).toBe(data.texts.find((t) => t.documentGuid === d.guid)?.text);
          expect(text?.startsWith('\ufeff')).toBe(false);
        }
      }),
      { ...RUNS, numRuns: 15 },
    );
  });

  it('gives back the same project after export and import: texts, segments, codes, coders, comments, typed variables, groups, memos, themes', async () => {
    await fc.assert(
      fc.asyncProperty(projectData, fc.constantFrom('codepoints' as const, 'utf16' as const), async (data, positions) => {
        const { bytes } = await exportQdpx(data, { positions, now: NOW });
        const back = await imported('project.qdpx', bytes);
        expect(back.report.discarded).toEqual([]);
        expect(essence(back.data)).toEqual(essence(data));
        expect(back.data.project.ownerCoderGuid).toBe(data.project.ownerCoderGuid);
      }),
      RUNS,
    );
  });

  it('counts code points by default and UTF-16 code units when asked', async () => {
    const data = fc.sample(projectData, { seed: 1, numRuns: 1 })[0]!;
    const text = 'Ik 😀 lach';
    const one: ProjectData = {
      ...data,
      documents: [{ ...data.documents[0]!, length: text.length }],
      texts: [{ ...data.texts[0]!, text }],
      segments: [{ ...data.segments[0]!, guid: '5e000000-0000-4000-8000-000000000001', documentGuid: data.documents[0]!.guid, coderGuid: data.coders[0]!.guid, start: 6, end: 10, text: 'lach', comment: '' }],
      codings: [],
    };
    const qde = async (positions: 'codepoints' | 'utf16') => (await unzipText((await exportQdpx(one, { positions, now: NOW })).bytes)).get('project.qde')!;
    expect(await qde('codepoints')).toContain('name="lach" startPosition="5" endPosition="9"');
    expect(await qde('utf16')).toContain('name="lach" startPosition="6" endPosition="10"');
  });

  it('writes grouping parents as not codable, lower-case GUIDs, UTC dates, and lists what it loses', async () => {
    const data = fc.sample(projectData, { seed: 7, numRuns: 1 })[0]!;
    const parent: Code = { ...data.codes[0]!, guid: 'aa000000-0000-4000-8000-000000000001', parentGuid: null, name: 'Groep', shortcut: 3 };
    const childCode: Code = { ...parent, guid: 'aa000000-0000-4000-8000-000000000002', parentGuid: parent.guid, name: 'Kind', shortcut: null };
    const withRenames: ProjectData = {
      ...data,
      codes: [parent, childCode],
      codings: [],
      documents: data.documents.map((d, i) => (i === 0 ? { ...d, speakerMap: { I: 'Interviewer' } } : d)),
    };
    const { bytes, lost } = await exportQdpx(withRenames, { positions: 'codepoints', now: '2026-11-23T10:00:00+01:00' });
    const qde = (await unzipText(bytes)).get('project.qde')!;
    expect(qde).toMatch(/<Code guid="aa000000-0000-4000-8000-000000000001" name="Groep" isCodable="false"/);
    expect(qde).toMatch(/<Code guid="aa000000-0000-4000-8000-000000000002" name="Kind" isCodable="true"/);
    expect(qde).toContain('modifiedDateTime="2026-11-23T09:00:00.000Z"');
    expect(qde).not.toMatch(/[A-F][0-9A-F]{7}-[0-9A-F]{4}-/);
    expect(lost).toContain('shortcut key 3 of code “Groep”');
    expect(lost.some((l) => l.startsWith('speaker names changed or dropped in'))).toBe(true);
  });
});

describe('themes in exportQdpx', () => {
  it('writes each theme as a Set of codes with its definition and scope note, and lists nesting, quotations and empty themes as lost', async () => {
    const data = fc.sample(projectData, { seed: 3, numRuns: 1 })[0]!;
    const code = data.codes[0]!;
    const base = { projectGuid: data.project.guid, quoteSegmentGuids: [], color: '#1f77b4', scopeNote: '', definition: '' };
    const withThemes: ProjectData = {
      ...data,
      themes: [
        { ...base, guid: 'cc000000-0000-4000-8000-000000000001', parentGuid: null, name: 'Contact', definition: 'Hoe ouders en school elkaar bereiken.', scopeNote: 'Niet: lesinhoud.', codeGuids: [code.guid], order: 0, quoteSegmentGuids: data.segments.slice(0, 1).map((s) => s.guid) },
        { ...base, guid: 'cc000000-0000-4000-8000-000000000002', parentGuid: 'cc000000-0000-4000-8000-000000000001', name: 'Bellen', codeGuids: [code.guid === data.codes[1]?.guid ? code.guid : (data.codes[1] ?? code).guid], order: 0 },
        { ...base, guid: 'cc000000-0000-4000-8000-000000000003', parentGuid: null, name: 'Leeg', codeGuids: [], order: 1 },
      ],
    };
    const { bytes, lost } = await exportQdpx(withThemes, { positions: 'codepoints', now: NOW });
    const qde = (await unzipText(bytes)).get('project.qde')!;
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    expect(qde).toContain(
      `<Set guid="cc000000-0000-4000-8000-000000000001" name="Contact"><Description>Hoe ouders en school elkaar bereiken.\n\nScope note: Niet: lesinhoud.</Description><MemberCode targetGUID="${code.guid}"/></Set>`,
    );
    expect(qde).not.toContain('name="Leeg"');
    expect(lost).toContain('theme “Leeg”: it has no codes, and a set of codes needs at least one');
    expect(lost).toContain('theme “Bellen” being a sub-theme of “Contact”');
    if (data.segments.length > 0) expect(lost).toContain('the 1 quotation picked for theme “Contact”');
    const back = await imported('project.qdpx', bytes);
    expect(back.data.themes.map((t) => ({ name: t.name, definition: t.definition, scopeNote: t.scopeNote, parentGuid: t.parentGuid }))).toEqual([
      { name: 'Contact', definition: 'Hoe ouders en school elkaar bereiken.', scopeNote: 'Niet: lesinhoud.', parentGuid: null },
      { name: 'Bellen', definition: '', scopeNote: '', parentGuid: null },
    ]);
  });
});

describe('exportQdc', () => {
  it('writes a codebook valid against Codebook.xsd that imports to the same code tree', async () => {
    await fc.assert(
      fc.asyncProperty(projectData, async (data) => {
        const xml = exportQdc(data.codes);
        expect(await schemaErrors(xml, 'codebook')).toEqual([]);
        const result = await importRefi('codes.qdc', new TextEncoder().encode(xml));
        expect(result.ok && essence(result.value.data).codes).toEqual(essence(data).codes);
      }),
      { ...RUNS, numRuns: 15 },
    );
  });
});

/** Every `<Note …>…</Note>` (or self-closing) of a project.qde. */
const notesOf = (qde: string): string[] => qde.match(/<Note [^>]*?(?:\/>|>.*?<\/Note>)/gs) ?? [];
const SEG = '5e000000-0000-4000-8000-000000000001';
const MEMO = '3e000000-0000-4000-8000-000000000001';

describe('exportQdpx writes what QualCoder’s importer (refi.py) reads', () => {
  it('a comment on a segment arrives as the selection’s Description, before its codings, and still as a Note', async () => {
    const data = { ...projectWith('Alpha [beta] gamma', { codes: ['c1000000-0000-4000-8000-000000000001'], comment: 'why beta' }), codes: [codeOf('c1000000-0000-4000-8000-000000000001', 'Code')] };
    const { qde } = await exportedFiles((await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    const comment = await derivedGuid(SEG, 'comment');
    expect(qde).toMatch(new RegExp(`<PlainTextSelection guid="${SEG}"[^>]*><Description>why beta</Description><Coding .*?</Coding><NoteRef targetGUID="${comment}"/></PlainTextSelection>`));
    expect(notesOf(qde)).toEqual([`<Note guid="${comment}" name="Comment: beta" creatingUser="${ANN}" creationDateTime="2026-11-23T08:44:00.000Z"><PlainTextContent>why beta</PlainTextContent></Note>`]);
    const back = await imported('p.qdpx', (await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(back.data.segments.map((s) => s.comment)).toEqual(['why beta']);
  });

  it('a memo on a segment is a Note holding the segment’s range in code points, referenced from the selection and from its text source', async () => {
    const CODE = 'c1000000-0000-4000-8000-000000000001';
    const data = { ...projectWith('Hi 😀 [beta] gamma', { codes: [CODE] }), codes: [codeOf(CODE, 'Code')], memos: [memoOf(MEMO, 'segment', SEG, 'Why', 'Because.')] };
    const { qde, files } = await exportedFiles((await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    const own = await derivedGuid(MEMO, 'selection');
    expect(notesOf(qde)).toEqual([
      `<Note guid="${MEMO}" name="Why" creatingUser="${ANN}" creationDateTime="2026-11-23T08:44:00.000Z" modifiedDateTime="2026-11-23T08:44:00.000Z"><PlainTextContent>Because.</PlainTextContent><PlainTextSelection guid="${own}" startPosition="5" endPosition="9"/></Note>`,
    ]);
    expect(qde).toMatch(new RegExp(`<PlainTextSelection guid="${SEG}" name="beta" startPosition="5" endPosition="9"[^>]*><Coding .*?</Coding><NoteRef targetGUID="${MEMO}"/></PlainTextSelection><NoteRef targetGUID="${MEMO}"/></TextSource>`));
    expect([...files.keys()]).not.toContain(`sources/${MEMO}.txt`);
    const back = await imported('p.qdpx', (await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(back.data.memos.map((m) => [m.title, m.text, m.targetKind, m.targetGuid])).toEqual([['Why', 'Because.', 'segment', SEG]]);
    expect(back.data.segments).toHaveLength(1);
  });

  it('gives QualCoder one annotation per passage and author: a segment without codes holds its first memo as Description, a second memo goes as a journal', async () => {
    const SECOND = '3e000000-0000-4000-8000-000000000002';
    const data = { ...projectWith('Alpha [beta] gamma'), memos: [memoOf(MEMO, 'segment', SEG, '', 'First.'), { ...memoOf(SECOND, 'segment', SEG, 'Again', 'Second.'), createdAt: '2026-11-24T08:44:00.000Z' }] };
    const { bytes } = await exportQdpx(data, { positions: 'codepoints', now: NOW });
    const { qde, files } = await exportedFiles(bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    expect(qde).toMatch(new RegExp(`<PlainTextSelection guid="${SEG}"[^>]*><Description>First\\.</Description><NoteRef targetGUID="${MEMO}"/><NoteRef targetGUID="${SECOND}"/></PlainTextSelection></TextSource>`));
    expect(notesOf(qde)[0]).toBe(`<Note guid="${MEMO}" name="First." creatingUser="${ANN}" creationDateTime="2026-11-23T08:44:00.000Z" modifiedDateTime="2026-11-23T08:44:00.000Z"><PlainTextContent>First.</PlainTextContent></Note>`);
    expect(notesOf(qde)[1]).toContain(`plainTextPath="internal://${SECOND}.txt"`);
    expect(files.get(`sources/${SECOND}.txt`)).toBe('Second.');
    const back = await imported('p.qdpx', bytes);
    expect(back.data.segments.map((s) => s.comment)).toEqual(['']);
    expect(back.data.memos.map((m) => [m.text, m.targetKind, m.targetGuid])).toEqual([
      ['First.', 'segment', SEG],
      ['Second.', 'segment', SEG],
    ]);
  });

  it('memos on the project, a document and a code are Notes whose text is a file in sources/, and a document’s memos are also its Description', async () => {
    const CODE = 'c1000000-0000-4000-8000-000000000001';
    const data = {
      ...projectWith('Alpha beta'),
      codes: [codeOf(CODE, 'Code')],
      memos: [
        memoOf('3e000000-0000-4000-8000-000000000001', 'project', null, 'Plan', 'What we do.'),
        memoOf('3e000000-0000-4000-8000-000000000002', 'document', DOC, 'Setting', 'In the library.'),
        memoOf('3e000000-0000-4000-8000-000000000003', 'document', DOC, '', 'Noisy.\nVery.'),
        memoOf('3e000000-0000-4000-8000-000000000004', 'code', CODE, 'Use', 'Only for X.'),
      ],
    };
    const { qde, files } = await exportedFiles((await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    for (const m of data.memos) {
      const note = notesOf(qde).find((n) => n.includes(`guid="${m.guid}"`));
      expect(note).toContain(`plainTextPath="internal://${m.guid}.txt"`);
      expect(note).toContain('creationDateTime="2026-11-23T08:44:00.000Z"');
      expect(note).not.toContain('PlainTextContent');
      expect(files.get(`sources/${m.guid}.txt`)).toBe(m.text);
    }
    expect(qde).toContain(`<TextSource guid="${DOC}" name="Interview" plainTextPath="internal://${DOC}.txt" creatingUser="${ANN}"`);
    expect(qde).toMatch(/<TextSource [^>]*><Description>Setting\nIn the library\.\n\nNoisy\.\nVery\.<\/Description><NoteRef/);
    expect(qde).toContain(`<Code guid="${CODE}" name="Code" isCodable="true" color="#1f77b4"><NoteRef targetGUID="3e000000-0000-4000-8000-000000000004"/></Code>`);
    expect(qde).toMatch(/<NoteRef targetGUID="3e000000-0000-4000-8000-000000000001"\/><\/Project>/);
    const back = await imported('p.qdpx', (await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(back.data.memos.map((m) => [m.title, m.text, m.targetKind]).sort()).toEqual([
      ['', 'Noisy.\nVery.', 'document'],
      ['Plan', 'What we do.', 'project'],
      ['Setting', 'In the library.', 'document'],
      ['Use', 'Only for X.', 'code'],
    ]);
  });

  it('gives notes names no other note has, and reads the name before numbering back from the Description', async () => {
    const data = {
      ...projectWith('Alpha beta'),
      memos: [memoOf('3e000000-0000-4000-8000-000000000001', 'project', null, 'Plan', 'One.'), memoOf('3e000000-0000-4000-8000-000000000002', 'project', null, 'plan', 'Two.'), memoOf('3e000000-0000-4000-8000-000000000003', 'project', null, 'Plan (2)', 'Three.')],
    };
    const { bytes } = await exportQdpx(data, { positions: 'codepoints', now: NOW });
    const { qde } = await exportedFiles(bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    expect(notesOf(qde).map((n) => /name="([^"]*)"/.exec(n)?.[1])).toEqual(['Plan', 'plan (3)', 'Plan (2)']);
    expect(notesOf(qde)[1]).toContain('<Description>plan</Description>');
    expect((await imported('p.qdpx', bytes)).data.memos.map((m) => m.title).sort()).toEqual(['Plan', 'Plan (2)', 'plan']);
  });

  it('names the project owner as the creator of the project and every text source, and lists the owner among the Users', async () => {
    const data = projectWith('Alpha beta');
    const { qde } = await exportedFiles((await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(qde).toContain(`<Users><User guid="${ANN}" name="Ann"/></Users>`);
    expect(qde).toMatch(new RegExp(`<Project [^>]*creatingUserGUID="${ANN}"`));
    expect(qde).toMatch(new RegExp(`<TextSource [^>]*creatingUser="${ANN}"`));
    const noCoders = { ...data, coders: [] };
    const { qde: alone } = await exportedFiles((await exportQdpx(noCoders, { positions: 'codepoints', now: NOW })).bytes);
    expect(alone).toContain(`<Users><User guid="${ANN}" name="Owner"/></Users>`);
    expect(await schemaErrors(alone, 'project')).toEqual([]);
  });

  it('writes each value as its variable’s declared type: a Float variable with value 3 is written as FloatValue 3', async () => {
    const base = projectWith('Alpha beta');
    const other = { ...base.documents[0]!, guid: 'd0000000-0000-4000-8000-000000000002', name: 'Other', order: 1 };
    const data = {
      ...base,
      documents: [
        { ...base.documents[0]!, variables: { score: '3', age: '12', big: '1e+21', tiny: '1e-7' } },
        { ...other, variables: { score: '3.5', age: '41', big: '2', tiny: '0.5' } },
      ],
      texts: [...base.texts, { ...base.texts[0]!, documentGuid: other.guid }],
      variables: (['score', 'age', 'big', 'tiny'] as const).map((name, order) => ({ guid: `0f000000-0000-4000-8000-00000000000${order}`, projectGuid: base.project.guid, name, type: 'number' as const, order })),
    };
    const { qde } = await exportedFiles((await exportQdpx(data, { positions: 'codepoints', now: NOW })).bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    expect(qde).toContain('name="score" typeOfVariable="Float"');
    expect(qde).toContain('name="age" typeOfVariable="Integer"');
    expect(qde).toContain('<VariableRef targetGUID="0f000000-0000-4000-8000-000000000000"/><FloatValue>3</FloatValue>');
    expect(qde).toContain('<VariableRef targetGUID="0f000000-0000-4000-8000-000000000001"/><IntegerValue>12</IntegerValue>');
    expect(qde).toContain('<IntegerValue>1000000000000000000000</IntegerValue>');
    expect(qde).toContain('<FloatValue>0.0000001</FloatValue>');
    expect(qde).not.toMatch(/Value>[^<]*e[+-]?\d/);
  });

  it('writes a number variable with a value that is no number as Text, and says so', async () => {
    const base = projectWith('Alpha beta');
    const data = {
      ...base,
      documents: [{ ...base.documents[0]!, variables: { age: 'twelve' } }],
      variables: [{ guid: '0f000000-0000-4000-8000-000000000000', projectGuid: base.project.guid, name: 'age', type: 'number' as const, order: 0 }],
    };
    const { bytes, lost } = await exportQdpx(data, { positions: 'codepoints', now: NOW });
    const { qde } = await exportedFiles(bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    expect(qde).toContain('<TextValue>twelve</TextValue>');
    expect(lost).toContain('the type of variable “age”: some of its values are not of type number, so it is written as Text');
  });

  it('writes numbers without exponent, digit for digit', () => {
    expect(['3', '-0', '3.50', '.5', '1e+21', '1.5e-3', '-2E2', '12,5', 'x', '1e999'].map(plainDecimal)).toEqual(['3', '0', '3.5', '0.5', '1000000000000000000000', '0.0015', '-200', '12.5', null, null]);
  });
});

describe('codes that share a name', () => {
  const A = 'ca000000-0000-4000-8000-000000000001';
  const B = 'cb000000-0000-4000-8000-000000000001';
  const KIND_A = 'ca000000-0000-4000-8000-000000000002';
  const KIND_B = 'cb000000-0000-4000-8000-000000000002';
  const codes = [codeOf(A, 'Parent A'), codeOf(B, 'Parent B', null, 1), codeOf(KIND_A, 'Kind', A), codeOf(KIND_B, 'Kind', B)];

  it('two codes named Kind under two parents are reported at export, and with uniqueCodeNames they are “Parent A / Kind” and “Parent B / Kind”', async () => {
    const data = { ...projectWith('Alpha [beta] gamma', { codes: [KIND_B] }), codes };
    const plain = await exportQdpx(data, { positions: 'codepoints', now: NOW });
    expect(plain.lost).toContain(
      '2 codes named “Kind” (Parent A / Kind; Parent B / Kind): tools that match codes by name, such as QualCoder, merge them into one and lose codings; export with unique code names to keep them apart',
    );
    expect((await exportedFiles(plain.bytes)).qde.match(/name="Kind"/g)).toHaveLength(2);

    const unique = await exportQdpx(data, { positions: 'codepoints', now: NOW, uniqueCodeNames: true });
    const { qde } = await exportedFiles(unique.bytes);
    expect(await schemaErrors(qde, 'project')).toEqual([]);
    expect(qde).toContain(`<Code guid="${KIND_A}" name="Parent A / Kind"`);
    expect(qde).toContain(`<Code guid="${KIND_B}" name="Parent B / Kind"`);
    expect(qde).toContain(`<Code guid="${A}" name="Parent A"`);
    expect(unique.lost).toContain('2 codes named “Kind” (Parent A / Kind; Parent B / Kind): written as “Parent A / Kind”, “Parent B / Kind”');
    const back = await imported('p.qdpx', unique.bytes);
    expect(back.data.codings.map((c) => back.data.codes.find((k) => k.guid === c.codeGuid)?.name)).toEqual(['Parent B / Kind']);
  });

  it('numbers unique names when even the paths are the same, and never takes another code’s name', () => {
    const twins = [codeOf(A, 'Kind'), codeOf(B, 'kind', null, 1), codeOf(KIND_A, 'Kind (2)', null, 2)];
    const { names, report } = codeNames(twins, true);
    expect([...names.values()]).toEqual(['Kind', 'kind (3)', 'Kind (2)']);
    expect(report).toEqual(['2 codes named “Kind” (Kind; kind): written as “Kind”, “kind (3)”']);
  });

  it('writes unique names in a codebook too, valid against Codebook.xsd', async () => {
    const xml = exportQdc(codes, new Set(), { uniqueCodeNames: true });
    expect(await schemaErrors(xml, 'codebook')).toEqual([]);
    expect(xml).toContain('name="Parent A / Kind"');
    expect(exportQdc(codes)).not.toContain(' / ');
  });
});
