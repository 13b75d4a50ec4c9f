// @vitest-environment node
/**
 * The command line's merge and the app's merge are one merge: from the same files they give the
 * same project, and every record of every input is in it or accounted for by a documented rule
 * (domain/tables.ts `merge`). This test drives both real paths: `markeer merge` on files, and the
 * app's prepareMerge + mergeBundles on an IndexedDB database (fake-indexeddb).
 */
import fc from 'fast-check';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptedNameMatches, mergeBundles, parsedData, prepareMerge } from '../commands/merge';
import { restoreProjectData } from '../commands/bundles';
import { freshDb } from '../commands/test-builders';
import { foldForSearch } from '../domain/codebook';
import { createCode, createCoder, createCoding, createDocument, createGroup, createMemo, createProject, createSegment } from '../domain/factories';
import type { Attempt, Code, Coder, DocumentRecord, Guid, Memo, Segment, Theme } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { PROJECT_LISTS } from '../domain/tables';
import { sha256Hex } from '../domain/text';
import { serializeBundle } from '../io/bundle';
import { readProjectData } from '../storage/project-data';
import { loadProjectOrThrow } from './load';
import { run } from './main';

const TEXTS = ['Interviewer: Hoe ging het thuis?\nMoeder: Slecht, de laptop was kapot en hij kwam niet online.', 'Leerling: Ik miste mijn vrienden.\nMentor: Dat hoor ik vaker, ook van anderen.'];
const SHARED_MEMO = '5e5e5e5e-0000-4000-8000-000000000001';

/** The lead's project: two documents, codes with "Kind" under two parents, a variable, a group, a project memo. */
async function leadProject(): Promise<ProjectData> {
  const leadCoder = '1ead1ead-0000-4000-8000-000000000001';
  const project = { ...createProject({ name: 'Studie', ownerCoderGuid: leadCoder, template: null }), updatedAt: '2026-01-01T00:00:00.000Z' };
  const P = project.guid;
  const documents: DocumentRecord[] = [];
  for (const [i, text] of TEXTS.entries()) documents.push({ ...createDocument({ projectGuid: P, name: `Interview ${i + 1}`, length: text.length, sha256: await sha256Hex(text), order: i }), variables: i === 0 ? { school: 'Noord' } : {} });
  const a = createCode({ projectGuid: P, parentGuid: null, name: 'Ouders', color: '#aa0000', order: 0 });
  const b = createCode({ projectGuid: P, parentGuid: null, name: 'School', color: '#00aa00', order: 1 });
  const codes: Code[] = [a, b, createCode({ projectGuid: P, parentGuid: a.guid, name: 'Kind', color: '#0000aa', order: 0 }), createCode({ projectGuid: P, parentGuid: b.guid, name: 'Kind', color: '#0000aa', order: 0 })];
  return {
    project,
    coders: [createCoder(P, 'Lead', '#1d4e89', leadCoder)],
    documents,
    texts: TEXTS.map((text, i) => ({ documentGuid: documents[i]!.guid, projectGuid: P, text, turns: [] })),
    codes,
    segments: [],
    codings: [],
    variables: [{ guid: '7a7a7a7a-0000-4000-8000-000000000001', projectGuid: P, name: 'school', type: 'text', order: 0 }],
    groups: [createGroup({ projectGuid: P, name: 'Ouders', order: 0, documentGuids: [documents[0]!.guid] })],
    memos: [{ ...createMemo({ projectGuid: P, authorGuid: leadCoder, targetKind: 'project', targetGuid: null, text: 'Opzet van de studie' }), guid: SHARED_MEMO, updatedAt: '2026-01-02T00:00:00.000Z' }],
    themes: [],
    attempts: [],
  };
}

/** What one coder did in their copy of the lead's project. */
interface Work {
  readonly coder: { readonly name: 'Lead' | 'Anna' | 'Bram' | 'constructor'; readonly sameGuid: boolean };
  readonly segments: readonly { doc: 0 | 1; start: number; length: number; codes: readonly number[]; comment: string }[];
  readonly memos: readonly { kind: 'project' | 'document' | 'code' | 'segment'; text: string; shared: boolean }[];
  readonly values: readonly { doc: 0 | 1; value: string; variable: 'school' | 'leeftijd' | 'constructor' }[];
  readonly group: { name: string; docs: readonly (0 | 1)[] } | null;
  readonly theme: { name: string; codes: readonly number[] } | null;
  readonly newCode: string | null;
  readonly attempt: boolean;
}

const work: fc.Arbitrary<Work> = fc.record({
  coder: fc.record({ name: fc.constantFrom('Lead' as const, 'Anna' as const, 'Bram' as const, 'constructor' as const), sameGuid: fc.boolean() }),
  segments: fc.array(
    fc.record({ doc: fc.constantFrom(0 as const, 1 as const), start: fc.nat({ max: 60 }), length: fc.integer({ min: 1, max: 20 }), codes: fc.uniqueArray(fc.nat({ max: 4 }), { minLength: 1, maxLength: 2 }), comment: fc.constantFrom('', '', 'Twijfel', 'Later bekijken') }),
    { maxLength: 5 },
  ),
  memos: fc.array(fc.record({ kind: fc.constantFrom('project' as const, 'document' as const, 'code' as const, 'segment' as const), text: fc.constantFrom('Eerste indruk', 'Let op', 'toString'), shared: fc.boolean() }), { maxLength: 3 }),
  values: fc.array(fc.record({ doc: fc.constantFrom(0 as const, 1 as const), value: fc.constantFrom('Noord', 'Zuid', '12'), variable: fc.constantFrom('school' as const, 'leeftijd' as const, 'constructor' as const) }), { maxLength: 2 }),
  group: fc.option(fc.record({ name: fc.constantFrom('Ouders', 'ouders', 'Leerlingen', 'constructor'), docs: fc.uniqueArray(fc.constantFrom(0 as const, 1 as const), { minLength: 1 }) }), { nil: null }),
  theme: fc.option(fc.record({ name: fc.constantFrom('Zorgen', 'zorgen', 'Steun'), codes: fc.uniqueArray(fc.nat({ max: 4 }), { maxLength: 2 }) }), { nil: null }),
  newCode: fc.option(fc.constantFrom('Kind', 'Nieuw', 'constructor'), { nil: null }),
  attempt: fc.boolean(),
});

let counter = 0;
/** The coder's project: the lead's (as a hand-out gives it) plus `w`. */
function coderProject(lead: ProjectData, w: Work, guids: Map<string, Guid>): ProjectData {
  const P = lead.project.guid;
  const leadCoder = lead.coders[0]!;
  // The same name keeps one GUID across this run's files unless `sameGuid` is false (another tool's export).
  const known = guids.get(w.coder.name);
  const guid = w.coder.name === 'Lead' && w.coder.sameGuid ? leadCoder.guid : w.coder.sameGuid && known ? known : crypto.randomUUID();
  if (!guids.has(w.coder.name)) guids.set(w.coder.name, guid);
  const coder: Coder = guid === leadCoder.guid ? leadCoder : createCoder(P, w.coder.name, '#1d4e89', guid);
  const codes = [...lead.codes];
  if (w.newCode) codes.push(createCode({ projectGuid: P, parentGuid: null, name: w.newCode, color: '#123456', order: 9 }));
  const segments: Segment[] = [];
  const codings = [];
  for (const s of w.segments) {
    const text = TEXTS[s.doc]!;
    const start = Math.min(s.start, text.length - 1);
    const end = Math.min(start + s.length, text.length);
    const segment = { ...createSegment({ projectGuid: P, documentGuid: lead.documents[s.doc]!.guid, coderGuid: guid, text, start, end }), comment: s.comment };
    if (segments.some((x) => x.documentGuid === segment.documentGuid && x.start === start && x.end === end)) continue;
    segments.push(segment);
    for (const c of s.codes) codings.push(createCoding(segment, codes[c % codes.length]!.guid));
  }
  const memos: Memo[] = [...lead.memos];
  for (const m of w.memos) {
    const target = m.kind === 'project' ? null : m.kind === 'document' ? lead.documents[0]!.guid : m.kind === 'code' ? codes[0]!.guid : (segments[0]?.guid ?? null);
    if (m.kind === 'segment' && target === null) continue;
    const memo = createMemo({ projectGuid: P, authorGuid: guid, targetKind: m.kind, targetGuid: target, text: m.text });
    // A coder who edited the lead's project memo later: kept beside the lead's, never over it.
    memos.push(m.shared && m.kind === 'project' && !memos.some((x) => x.guid === SHARED_MEMO && x.text !== lead.memos[0]!.text) ? { ...memo, guid: SHARED_MEMO, updatedAt: `2026-02-0${1 + (counter++ % 9)}T00:00:00.000Z` } : memo);
  }
  const uniqueMemos = [...new Map(memos.map((m) => [m.guid, m])).values()];
  const variables = [...lead.variables];
  const documents = lead.documents.map((d) => ({ ...d, variables: Object.assign(Object.create(null) as Record<string, string>, d.variables) }));
  for (const v of w.values) {
    if (!variables.some((x) => x.name === v.variable)) variables.push({ guid: crypto.randomUUID(), projectGuid: P, name: v.variable, type: 'text', order: variables.length });
    const doc = documents[v.doc]!;
    documents[v.doc] = { ...doc, variables: Object.assign(Object.create(null) as Record<string, string>, doc.variables, { [v.variable]: v.value }) };
  }
  const groups = [...lead.groups];
  if (w.group) groups.push(createGroup({ projectGuid: P, name: w.group.name, order: 5, documentGuids: w.group.docs.map((d) => lead.documents[d]!.guid) }));
  const themes: Theme[] = w.theme ? [{ guid: crypto.randomUUID(), projectGuid: P, parentGuid: null, name: w.theme.name, definition: '', scopeNote: '', codeGuids: [...new Set(w.theme.codes.map((c) => codes[c % codes.length]!.guid))], quoteSegmentGuids: segments.slice(0, 1).map((s) => s.guid), color: '#336699', order: 0 }] : [];
  const totals: Attempt['overall'] = { reference: 1, student: 1, found: 1, extra: 0, recall: 1, precision: 1 };
  const attempts: Attempt[] = w.attempt ? [{ guid: crypto.randomUUID(), projectGuid: P, coderGuid: guid, createdAt: '2026-03-01T00:00:00.000Z', documentGuids: [lead.documents[0]!.guid], threshold: 0.5, overall: totals, codes: [] }] : [];
  const coders = coder === leadCoder ? [leadCoder] : [leadCoder, coder];
  return { ...lead, coders, codes, segments, codings, memos: uniqueMemos, variables, documents, groups, themes, attempts };
}

/**
 * A project as comparable data: lists sorted, a group's members as a set (a bundle writes them
 * sorted), memo GUIDs made fresh by the merge left out.
 */
function canonical(d: ProjectData): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const canon = (list: string, r: object): object => {
    if (list === 'memos') return { ...r, guid: (r as Memo).guid === SHARED_MEMO ? SHARED_MEMO : '' };
    if (list === 'groups') return { ...r, documentGuids: [...(r as { documentGuids: string[] }).documentGuids].sort() };
    return r;
  };
  for (const list of PROJECT_LISTS) {
    out[list] = (d[list] as readonly object[]).map((r) => JSON.stringify(canon(list, r), Object.keys(r).sort())).sort();
  }
  return out;
}

const name = (s: string) => foldForSearch(s.trim());

/** Every record of every input is in `merged`, or accounted for by a rule of domain/tables.ts. */
function expectEverythingKept(merged: ProjectData, lead: ProjectData, inputs: readonly ProjectData[]) {
  const coderName = new Map<Guid, string>();
  for (const d of [lead, ...inputs]) for (const c of d.coders) coderName.set(c.guid, name(c.name));
  const codeName = new Map<Guid, string>();
  for (const d of [lead, ...inputs]) for (const c of d.codes) codeName.set(c.guid, name(c.name));
  const shaOf = new Map<Guid, string>();
  for (const d of [lead, ...inputs]) for (const doc of d.documents) shaOf.set(doc.guid, doc.sha256);
  const segKey = (s: Segment) => `${shaOf.get(s.documentGuid)}|${coderName.get(s.coderGuid)}|${s.start}|${s.end}`;
  const mergedSegs = new Map<string, Segment[]>();
  for (const s of merged.segments) mergedSegs.set(segKey(s), [...(mergedSegs.get(segKey(s)) ?? []), s]);
  // The same person's identical segment is one segment.
  for (const [key, list] of mergedSegs) expect(list, `segment ${key} doubled`).toHaveLength(1);
  const mergedCodings = new Set(merged.codings.map((c) => `${segKey(merged.segments.find((s) => s.guid === c.segmentGuid)!)}|${codeName.get(c.codeGuid)}`));
  for (const input of inputs) {
    for (const c of input.coders) expect(merged.coders.some((m) => m.guid === c.guid || name(m.name) === name(c.name)), `coder ${c.name}`).toBe(true);
    for (const d of input.documents) {
      const target = merged.documents.find((m) => m.sha256 === d.sha256);
      expect(target, `document ${d.name}`).toBeDefined();
      // Every variable value arrives, or the lead's other value stays (reported as a conflict).
      for (const variable of Object.keys(d.variables)) expect(Object.hasOwn(target!.variables, variable) ? target!.variables[variable] : '', `${d.name}: ${variable}`).not.toBe('');
    }
    for (const s of input.segments) {
      const found = mergedSegs.get(segKey(s));
      expect(found, `segment ${segKey(s)}`).toBeDefined();
      if (s.comment) expect(found![0]!.comment, 'a comment arrives, or the lead’s own comment stays').not.toBe('');
    }
    for (const c of input.codings) {
      const segment = input.segments.find((s) => s.guid === c.segmentGuid)!;
      expect(mergedCodings.has(`${segKey(segment)}|${codeName.get(c.codeGuid)}`), `coding ${codeName.get(c.codeGuid)}`).toBe(true);
    }
    for (const m of input.memos) expect(merged.memos.some((x) => x.text === m.text && x.targetKind === m.targetKind) || merged.memos.some((x) => x.guid === m.guid && x.updatedAt >= m.updatedAt), `memo ${m.text}`).toBe(true);
    for (const v of input.variables) expect(merged.variables.some((x) => x.name === v.name), `variable ${v.name}`).toBe(true);
    for (const g of input.groups) {
      const target = merged.groups.find((x) => x.guid === g.guid || name(x.name) === name(g.name));
      expect(target, `group ${g.name}`).toBeDefined();
      for (const d of g.documentGuids) expect(target!.documentGuids.some((x) => shaOf.get(x) === shaOf.get(d)), `group ${g.name} member`).toBe(true);
    }
    for (const t of input.themes) {
      const target = merged.themes.find((x) => x.guid === t.guid || name(x.name) === name(t.name));
      expect(target, `theme ${t.name}`).toBeDefined();
      for (const c of t.codeGuids) expect(target!.codeGuids.some((x) => codeName.get(x) === codeName.get(c)), `theme ${t.name} code`).toBe(true);
    }
    for (const a of input.attempts) expect(merged.attempts.some((x) => x.guid === a.guid), 'attempt').toBe(true);
  }
}

describe('one merge for the app and the command line', () => {
  it('gives the same project from the same files, keeping every record of every input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'markeer-merge-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(work, { minLength: 1, maxLength: 3 }), fc.boolean(), async (works, twice) => {
        const lead = await leadProject();
        const guids = new Map<string, Guid>();
        const inputs = works.map((w) => coderProject(lead, w, guids));
        if (twice) inputs.push(inputs[0]!);
        const run_ = n++;
        const files: { name: string; bytes: Uint8Array; path: string }[] = [];
        const bundle = async (data: ProjectData, file: string) => {
          const bytes = await serializeBundle(data, { kind: 'full', appVersion: 'test', exportedBy: { guid: data.coders.at(-1)!.guid, name: data.coders.at(-1)!.name } });
          const path = join(dir, `${run_}-${file}`);
          await writeFile(path, bytes);
          return { name: file, bytes, path };
        };
        const leadFile = await bundle(lead, 'lead.markeer');
        for (const [i, data] of inputs.entries()) files.push(await bundle(data, `coder-${i}.markeer`));

        // The command line.
        const out = join(dir, `${run_}-merged.markeer`);
        const err: string[] = [];
        const status = await run(['merge', out, leadFile.path, ...files.map((f) => f.path), '--same-coder-by-name'], { out: () => undefined, err: (t) => err.push(t) });
        expect(status, err.join('\n')).toBe(0);
        const cli = await loadProjectOrThrow(out);

        // The app: the lead's project in its database, the files picked on the merge dialog, every match confirmed.
        const db = freshDb();
        const restored = await restoreProjectData(lead, { db });
        if (!restored.ok) throw new Error(restored.reason);
        const prep = await prepareMerge(lead.project.guid, files, db);
        if (!prep.ok) throw new Error(prep.reason);
        const merged = await mergeBundles(lead.project.guid, parsedData(prep.value.files), acceptedNameMatches(prep.value.plans, () => true), db);
        if (!merged.ok) throw new Error(merged.reason);
        const app = (await readProjectData(db, lead.project.guid))!;
        db.close();

        expect(canonical(app)).toEqual(canonical(cli));
        expectEverythingKept(app, lead, inputs);
      }),
      { numRuns: process.env.MARKEER_SOAK ? 200 : 15 },
    );
  }, 120_000);
});
