// @vitest-environment node
import fc from 'fast-check';
import { flattenTree } from '../../domain/codebook';
import type { Code } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import { projectData } from './arbitrary';
import { exportQdc, exportQdpx, untitledNoteName } from './export';
import { importRefi } from './import';
import { imported, schemaErrors, unzipText } from './test-support';

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
  it('writes a project.qde valid against Project.xsd and texts without a byte-order mark', async () => {
    await fc.assert(
      fc.asyncProperty(projectData, fc.constantFrom('codepoints' as const, 'utf16' as const), async (data, positions) => {
        const { bytes } = await exportQdpx(data, { positions, now: NOW });
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
