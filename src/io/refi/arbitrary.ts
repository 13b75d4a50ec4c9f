/** fast-check builders of random projects for the export and round-trip tests. */
import fc from 'fast-check';
import type { Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Memo, Project, Segment, Theme, VariableDefinition } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import { normalizeText } from '../../domain/text';
import { detectTurns } from '../../domain/turns';

const PROJECT = '0f000000-0000-4000-8000-000000000000';
const T = '2026-11-23T08:44:00.000Z';

/** Pieces of transcript: astral characters, ZWJ sequences, combining accents, long lines. */
const PIECES = ['a', 'wo', 'é', 'e\u0301', 'ñ', '😀', '𝒳', '👩‍👩‍👧', '☕️', ' ', ' ', '\n', '\n\n', 'I: ', 'R: ', '&<>"\'', 'Lange regel zonder einde '.repeat(30)];
const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((p) => normalizeText(p.join('')) || 'x');

const NAME_CHARS = ['a', 'B', 'é', 'e\u0301', '😀', ' ', '&', '<', '"', '\'', '-', '\n', '\t'];
const name = fc
  .array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 12 })
  .map((c) => c.join('').replace(/\s+/g, ' ').trim() || 'n');
const comment = fc.oneof(
  fc.constant(''),
  fc.array(fc.constantFrom(...NAME_CHARS, '\n', '  '), { minLength: 1, maxLength: 20 }).map((c) => c.join('').trim() || 'c'),
);

/** Code point boundaries of a text, as UTF-16 offsets. */
function boundaries(s: string): number[] {
  const out = [0];
  let i = 0;
  for (const ch of s) out.push((i += ch.length));
  return out;
}

export const projectData: fc.Arbitrary<ProjectData> = fc
  .record({
    coders: fc.uniqueArray(fc.record({ guid: fc.uuid({ version: 4 }), name }), { minLength: 1, maxLength: 3, selector: (c) => c.guid }),
    codes: fc.uniqueArray(
      fc.record({ guid: fc.uuid({ version: 4 }), name, definition: comment, color: fc.constantFrom('#1f77b4', '#ff7f0e', '#2ca02c'), parent: fc.nat() }),
      { minLength: 1, maxLength: 6, selector: (c) => c.guid },
    ),
    documents: fc.uniqueArray(
      fc.record({
        guid: fc.uuid({ version: 4 }),
        name,
        text,
        variables: fc.record(
          {
            school: name,
            leeftijd: fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.constantFrom('3.5', '0.25')),
            afgenomen: fc.constantFrom('2026-01-31', '1999-12-01'),
            online: fc.constantFrom('true', 'false'),
          },
          { requiredKeys: [] },
        ),
        segments: fc.array(
          fc.record({ guid: fc.uuid({ version: 4 }), a: fc.nat(), b: fc.nat(), coder: fc.nat(), codes: fc.uniqueArray(fc.nat(5), { maxLength: 3 }), comment }),
          { maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 3, selector: (d) => d.guid },
    ),
    groups: fc.uniqueArray(fc.record({ guid: fc.uuid({ version: 4 }), name, description: comment, members: fc.uniqueArray(fc.nat(2), { maxLength: 3 }) }), {
      maxLength: 2,
      selector: (g) => g.guid,
    }),
    memos: fc.uniqueArray(
      fc.record({ guid: fc.uuid({ version: 4 }), title: fc.oneof(fc.constant(''), name), text: comment, kind: fc.constantFrom('project', 'document', 'code', 'segment'), target: fc.nat(), author: fc.nat() }),
      { maxLength: 4, selector: (m) => m.guid },
    ),
    themes: fc.uniqueArray(
      fc.record({ guid: fc.uuid({ version: 4 }), name, definition: comment, scopeNote: comment, codes: fc.uniqueArray(fc.nat(5), { maxLength: 3 }) }),
      { maxLength: 3, selector: (t) => t.name.toLowerCase() },
    ),
  })
  .map(({ coders: rawCoders, codes: rawCodes, documents: rawDocs, groups: rawGroups, memos: rawMemos, themes: rawThemes }): ProjectData => {
    const coders: Coder[] = rawCoders.map((c) => ({ guid: c.guid, projectGuid: PROJECT, name: c.name, color: '#1d4e89' }));
    const codes: Code[] = rawCodes.map((c, i) => ({
      guid: c.guid,
      projectGuid: PROJECT,
      // A parent among the earlier codes, or none: never a cycle.
      parentGuid: i === 0 || c.parent % 3 === 0 ? null : rawCodes[c.parent % i]!.guid,
      name: c.name,
      color: c.color,
      definition: c.definition,
      order: i,
      shortcut: null,
    }));
    const documents: DocumentRecord[] = [];
    const texts: DocumentText[] = [];
    const segments: Segment[] = [];
    const codings: Coding[] = [];
    const seen = new Set<string>();
    for (const [order, d] of rawDocs.entries()) {
      documents.push({ guid: d.guid, projectGuid: PROJECT, name: d.name, length: d.text.length, sha256: '', createdAt: T, updatedAt: T, variables: d.variables, speakerMap: {}, order });
      texts.push({ documentGuid: d.guid, projectGuid: PROJECT, text: d.text, turns: detectTurns(d.text) });
      const b = boundaries(d.text);
      for (const s of d.segments) {
        const i = s.a % b.length;
        const j = s.b % b.length;
        if (i === j) continue;
        const [start, end] = [b[Math.min(i, j)]!, b[Math.max(i, j)]!];
        const coderGuid = coders[s.coder % coders.length]!.guid;
        const key = `${d.guid} ${coderGuid} ${start} ${end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const segment: Segment = { guid: s.guid, projectGuid: PROJECT, documentGuid: d.guid, coderGuid, start, end, text: d.text.slice(start, end), comment: s.comment, createdAt: T };
        segments.push(segment);
        for (const k of new Set(s.codes.map((n) => n % codes.length))) {
          codings.push({ guid: crypto.randomUUID(), projectGuid: PROJECT, segmentGuid: s.guid, documentGuid: d.guid, codeGuid: codes[k]!.guid, coderGuid, createdAt: T });
        }
      }
    }
    const project: Project = { guid: PROJECT, name: 'Ronde', createdAt: T, updatedAt: T, ownerCoderGuid: coders[0]!.guid, template: null };
    const variables: VariableDefinition[] = (
      [
        ['school', 'text'],
        ['leeftijd', 'number'],
        ['afgenomen', 'date'],
        ['online', 'boolean'],
      ] as const
    ).map(([n, type], order) => ({ guid: `0f000000-0000-4000-8000-00000000000${order + 1}`, projectGuid: PROJECT, name: n, type, order }));
    const used = new Set([...coders, ...codes, ...documents, ...segments, ...codings].map((r) => r.guid));
    const groups: DocumentGroup[] = rawGroups.filter((g) => !used.has(g.guid) && used.add(g.guid)).map((g, order) => ({
      guid: g.guid,
      projectGuid: PROJECT,
      name: g.name,
      description: g.description,
      documentGuids: [...new Set(g.members.map((m) => documents[m % documents.length]!.guid))],
      order,
    }));
    const memos: Memo[] = [];
    for (const m of rawMemos) {
      // GUIDs are unique across a project's records: a memo never reuses another record's.
      if (used.has(m.guid)) continue;
      used.add(m.guid);
      const list: readonly { guid: string }[] = m.kind === 'document' ? documents : m.kind === 'code' ? codes : segments;
      const targetGuid = m.kind === 'project' || list.length === 0 ? null : list[m.target % list.length]!.guid;
      if (m.kind !== 'project' && targetGuid === null) continue;
      memos.push({ guid: m.guid, projectGuid: PROJECT, title: m.title, text: m.text, rich: null, targetKind: m.kind, targetGuid, authorGuid: coders[m.author % coders.length]!.guid, createdAt: T, updatedAt: T });
    }
    // Themes as a Set of codes can carry: at least one code each, a code in one theme only, top level.
    const themes: Theme[] = [];
    const inTheme = new Set<string>();
    for (const t of rawThemes) {
      if (used.has(t.guid)) continue;
      const codeGuids = [...new Set(t.codes.map((n) => codes[n % codes.length]!.guid))].filter((g) => !inTheme.has(g));
      if (codeGuids.length === 0) continue;
      used.add(t.guid);
      for (const g of codeGuids) inTheme.add(g);
      themes.push({ guid: t.guid, projectGuid: PROJECT, parentGuid: null, name: t.name, definition: t.definition, scopeNote: t.scopeNote, codeGuids, quoteSegmentGuids: [], color: '#1f77b4', order: themes.length });
    }
    return { project, coders, documents, texts, codes, segments, codings, variables, groups, memos, themes, attempts: [] };
  });
