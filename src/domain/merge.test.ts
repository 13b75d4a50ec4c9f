import { acceptedNameMatches, applyMerge, mergeProjects, planMerge } from './merge';
import type { Code, Coder, Coding, DocumentRecord, Segment } from './model';
import type { ProjectData } from './project-data';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const LEAD = 'cccccccc-0000-4000-8000-000000000001';
const ANNA = 'cccccccc-0000-4000-8000-000000000002';
const text = 'Interviewer: Hoe ging het?\nMoeder: Slecht, de laptop was kapot.';

function doc(guid: string, sha = 'hash-1'): DocumentRecord {
  return { guid, projectGuid: P, name: `doc ${guid.slice(-2)}`, length: text.length, sha256: sha, createdAt: '', updatedAt: '', variables: {}, speakerMap: {}, order: 0 };
}
function code(guid: string, name: string, parentGuid: string | null = null): Code {
  return { guid, projectGuid: P, parentGuid, name, color: '#123456', definition: '', order: 0, shortcut: null };
}
function segment(guid: string, documentGuid: string, coderGuid: string, start: number, end: number): Segment {
  return { guid, projectGuid: P, documentGuid, coderGuid, start, end, text: text.slice(start, end), comment: '', createdAt: '' };
}
function coding(guid: string, s: Segment, codeGuid: string): Coding {
  return { guid, projectGuid: P, segmentGuid: s.guid, documentGuid: s.documentGuid, codeGuid, coderGuid: s.coderGuid, createdAt: '' };
}
function project(over: Partial<ProjectData>): ProjectData {
  const coders: Coder[] = [{ guid: LEAD, projectGuid: P, name: 'Lead', color: '#000000' }];
  return {
    project: { guid: P, name: 'P', createdAt: '', updatedAt: '', ownerCoderGuid: LEAD, template: null },
    coders,
    documents: [doc('dddddddd-0000-4000-8000-000000000001')],
    texts: [{ documentGuid: 'dddddddd-0000-4000-8000-000000000001', projectGuid: P, text, turns: [] }],
    codes: [code('eeeeeeee-0000-4000-8000-000000000001', 'Communicatie')],
    segments: [],
    codings: [],
    variables: [],
    groups: [],
    memos: [],
    themes: [],
    attempts: [],
    ...over,
  };
}

const D1 = 'dddddddd-0000-4000-8000-000000000001';
const D2 = 'dddddddd-0000-4000-8000-000000000002';
const C1 = 'eeeeeeee-0000-4000-8000-000000000001';
const C2 = 'eeeeeeee-0000-4000-8000-000000000002';

describe('merging a coder bundle into the lead project', () => {
  const annaCoder: Coder = { guid: ANNA, projectGuid: P, name: 'Anna', color: '#ff0000' };
  const s1 = segment('ffffffff-0000-4000-8000-000000000001', D1, ANNA, 46, 52);

  it('adds a new coder with her segments and codings, keeping her as their coder', () => {
    const lead = project({});
    const incoming = project({ coders: [...lead.coders, annaCoder], segments: [s1], codings: [coding('99999999-0000-4000-8000-000000000001', s1, C1)] });
    const result = applyMerge(lead, incoming, planMerge(lead, incoming), new Set());
    expect(result.add.coders.map((c) => c.name)).toEqual(['Anna']);
    expect(result.add.segments.map((s) => [s.coderGuid, s.text])).toEqual([[ANNA, 'laptop']]);
    expect(result.report.added).toMatchObject({ coders: 1, segments: 1, codings: 1, documents: 0 });
    expect(result.report.matched).toMatchObject({ documents: 1, codes: 1, coders: 1 });
  });

  it('does not double the same coder’s identical work when merged twice', () => {
    const lead0 = project({});
    const incoming = project({ coders: [...lead0.coders, annaCoder], segments: [s1], codings: [coding('99999999-0000-4000-8000-000000000001', s1, C1)] });
    const first = applyMerge(lead0, incoming, planMerge(lead0, incoming), new Set());
    const lead1: ProjectData = { ...lead0, coders: [...lead0.coders, ...first.add.coders], segments: first.add.segments, codings: first.add.codings };
    const again = applyMerge(lead1, incoming, planMerge(lead1, incoming), new Set());
    expect(again.add.segments).toEqual([]);
    expect(again.add.codings).toEqual([]);
    expect(again.report.matched.segments).toBe(1);
  });

  it('matches a document by its text when its GUID differs, and places segments on the lead document', () => {
    const lead = project({});
    const incoming = project({ documents: [doc(D2)], texts: [{ documentGuid: D2, projectGuid: P, text, turns: [] }], coders: [annaCoder], segments: [segment('ffffffff-0000-4000-8000-000000000002', D2, ANNA, 0, 11)] });
    const plan = planMerge(lead, incoming);
    expect(plan.documents[0]?.by).toBe('text');
    const result = applyMerge(lead, incoming, plan, new Set());
    expect(result.add.segments[0]?.documentGuid).toBe(D1);
    expect(result.add.documents).toEqual([]);
  });

  it('skips the segments of a document whose GUID matches but whose text differs, and says so', () => {
    const lead = project({});
    const incoming = project({ documents: [doc(D1, 'other-hash')], coders: [annaCoder], segments: [s1] });
    const result = applyMerge(lead, incoming, planMerge(lead, incoming), new Set());
    expect(result.add.segments).toEqual([]);
    expect(result.report.skipped.documentsWithOtherText).toEqual(['doc 01']);
  });

  it('matches a code by name only when the lead confirms it, else adds it as a new code', () => {
    const lead = project({});
    const incoming = project({ codes: [code(C2, ' communicatie ')], coders: [annaCoder], segments: [s1], codings: [coding('99999999-0000-4000-8000-000000000002', s1, C2)] });
    const plan = planMerge(lead, incoming);
    expect(plan.codes[0]).toMatchObject({ by: 'name' });
    const confirmed = applyMerge(lead, incoming, plan, new Set([C2]));
    expect(confirmed.add.codes).toEqual([]);
    expect(confirmed.add.codings[0]?.codeGuid).toBe(C1);
    const refused = applyMerge(lead, incoming, plan, new Set());
    expect(refused.add.codes.map((c) => c.guid)).toEqual([C2]);
    expect(refused.add.codings[0]?.codeGuid).toBe(C2);
  });

  it('adds a document the lead does not have, with its text', () => {
    const other = 'Een heel ander gesprek.';
    const lead = project({});
    const incoming = project({ documents: [doc(D2, 'hash-2')], texts: [{ documentGuid: D2, projectGuid: P, text: other, turns: [] }] });
    const result = applyMerge(lead, incoming, planMerge(lead, incoming), new Set());
    expect(result.add.documents.map((d) => d.guid)).toEqual([D2]);
    expect(result.add.texts[0]?.text).toBe(other);
  });
});

describe('merging variables, groups and memos', () => {
  const BRAM = 'cccccccc-0000-4000-8000-000000000003';
  const G1 = 'abababab-0000-4000-8000-000000000001';
  const G2 = 'abababab-0000-4000-8000-000000000002';
  const bram = { guid: BRAM, projectGuid: P, name: 'Bram', color: '#111111' };

  it('adds variables the lead lacks by name, gives a group matched by name the members it lacks, and moves memos to the matched targets', () => {
    const lead = project({
      documents: [doc(D1), doc(D2, 'hash-2')],
      texts: [
        { documentGuid: D1, projectGuid: P, text, turns: [] },
        { documentGuid: D2, projectGuid: P, text, turns: [] },
      ],
      variables: [{ guid: 'f0000000-0000-4000-8000-000000000001', projectGuid: P, name: 'school', type: 'text', order: 0 }],
      groups: [{ guid: G1, projectGuid: P, name: 'Ouders', description: '', documentGuids: [D1], order: 0 }],
    });
    const OTHER_D2 = 'dddddddd-0000-4000-8000-0000000000ff';
    const s = segment('ffffffff-0000-4000-8000-000000000001', OTHER_D2, BRAM, 0, 11);
    const incoming = project({
      coders: [bram],
      documents: [doc(OTHER_D2, 'hash-2')],
      texts: [{ documentGuid: OTHER_D2, projectGuid: P, text, turns: [] }],
      segments: [s],
      codings: [coding('ffffffff-1111-4000-8000-000000000001', s, C1)],
      variables: [
        { guid: 'f0000000-0000-4000-8000-000000000009', projectGuid: P, name: 'school', type: 'text', order: 0 },
        { guid: 'f0000000-0000-4000-8000-000000000002', projectGuid: P, name: 'leeftijd', type: 'number', order: 1 },
      ],
      groups: [
        { guid: G2, projectGuid: P, name: 'ouders', description: '', documentGuids: [OTHER_D2], order: 0 },
        { guid: 'abababab-0000-4000-8000-000000000003', projectGuid: P, name: 'Leraren', description: 'x', documentGuids: [OTHER_D2], order: 1 },
      ],
      memos: [
        { guid: 'acacacac-0000-4000-8000-000000000001', projectGuid: P, title: '', text: 'over segment', rich: null, targetKind: 'segment', targetGuid: s.guid, authorGuid: BRAM, createdAt: '', updatedAt: '' },
        { guid: 'acacacac-0000-4000-8000-000000000002', projectGuid: P, title: '', text: 'over document', rich: null, targetKind: 'document', targetGuid: OTHER_D2, authorGuid: BRAM, createdAt: '', updatedAt: '' },
        { guid: 'acacacac-0000-4000-8000-000000000003', projectGuid: P, title: '', text: 'verloren', rich: null, targetKind: 'code', targetGuid: 'eeeeeeee-0000-4000-8000-0000000000aa', authorGuid: BRAM, createdAt: '', updatedAt: '' },
      ],
    });
    const { add, report } = applyMerge(lead, incoming, planMerge(lead, incoming), new Set());
    expect(add.variables.map((v) => [v.name, v.type])).toEqual([['leeftijd', 'number']]);
    expect(add.groups.find((g) => g.guid === G1)?.documentGuids).toEqual([D1, D2]);
    expect(add.groups.find((g) => g.name === 'Leraren')?.documentGuids).toEqual([D2]);
    expect(add.memos.map((m) => [m.text, m.targetGuid])).toEqual([
      ['over segment', s.guid],
      ['over document', D2],
    ]);
    expect(report.added).toMatchObject({ variables: 1, groups: 1, memos: 2 });
    expect(report.matched.groups).toBe(1);
  });
});

describe('merging the same people and the same work from another tool', () => {
  // Another tool's export of the lead's own project: new GUIDs for the coder, codes, segments and memos.
  const ANNA_AGAIN = 'cccccccc-0000-4000-8000-0000000000a2';
  const OUDERS = 'eeeeeeee-0000-4000-8000-0000000000a1';
  const SCHOOL = 'eeeeeeee-0000-4000-8000-0000000000a2';
  const KIND_O = 'eeeeeeee-0000-4000-8000-0000000000a3';
  const KIND_S = 'eeeeeeee-0000-4000-8000-0000000000a4';
  const anna: Coder = { guid: ANNA, projectGuid: P, name: 'Anna', color: '#1d4e89' };
  const tree = [code(OUDERS, 'Ouders'), code(SCHOOL, 'School'), code(KIND_O, 'Kind', OUDERS), code(KIND_S, 'Kind', SCHOOL)];
  const s = segment('ffffffff-0000-4000-8000-0000000000a1', D1, ANNA, 46, 52);
  const lead = project({
    coders: [{ guid: LEAD, projectGuid: P, name: 'Lead', color: '#000000' }, anna],
    codes: tree,
    segments: [s],
    codings: [coding('99999999-0000-4000-8000-0000000000a1', s, KIND_S)],
    documents: [{ ...doc(D1), variables: { school: 'Noord' } }],
    memos: [{ guid: 'acacacac-0000-4000-8000-0000000000a1', projectGuid: P, title: '', text: 'Opzet', rich: null, targetKind: 'project', targetGuid: null, authorGuid: LEAD, createdAt: '', updatedAt: '2026-01-01' }],
  });
  const again = (guid: string) => guid.replace(/^(.{8})/, '12345678');
  const s2 = { ...segment(again(s.guid), D1, ANNA_AGAIN, 46, 52), comment: 'twijfel' };
  const incoming = project({
    coders: [{ guid: ANNA_AGAIN, projectGuid: P, name: 'anna ', color: '#1d4e89' }],
    codes: tree.map((c) => ({ ...c, guid: again(c.guid), parentGuid: c.parentGuid && again(c.parentGuid) })),
    segments: [s2],
    codings: [coding('99999999-0000-4000-8000-0000000000b1', s2, again(KIND_S))],
    documents: [{ ...doc(D1), variables: { school: 'Zuid', leeftijd: '12' } }],
    memos: [{ guid: 'acacacac-0000-4000-8000-0000000000b1', projectGuid: P, title: '', text: 'Opzet', rich: null, targetKind: 'project', targetGuid: null, authorGuid: ANNA_AGAIN, createdAt: '', updatedAt: '2026-02-01' }],
  });

  it('proposes a coder of the same name as the same person, and takes her work once when the lead confirms', () => {
    const plan = planMerge(lead, incoming);
    expect(plan.coders.map((c) => [c.by, c.target?.guid])).toEqual([['name', ANNA]]);
    const confirmed = applyMerge(lead, incoming, plan, acceptedNameMatches([plan], () => true));
    expect(confirmed.add.coders).toEqual([]);
    expect(confirmed.add.segments.map((x) => [x.guid, x.comment])).toEqual([[s.guid, 'twijfel']]);
    expect(confirmed.add.codings).toEqual([]);
    expect(confirmed.report.codersByName).toEqual(['anna → Anna']);
    // Not confirmed: a coder of her own, with a colour nobody else has.
    const apart = applyMerge(lead, incoming, plan, acceptedNameMatches([plan], (g) => g !== ANNA_AGAIN));
    expect(apart.add.coders.map((c) => c.guid)).toEqual([ANNA_AGAIN]);
    expect(lead.coders.map((c) => c.color)).not.toContain(apart.add.coders[0]?.color);
    expect(apart.add.segments).toHaveLength(1);
  });

  it('matches a code by its path of names first, so that two codes named Kind stay apart', () => {
    const plan = planMerge(lead, incoming);
    expect(plan.codes.map((c) => [c.incoming.name, c.target?.guid])).toEqual([
      ['Ouders', OUDERS],
      ['School', SCHOOL],
      ['Kind', KIND_O],
      ['Kind', KIND_S],
    ]);
  });

  it('fills in variable values the lead lacks, keeps the lead’s other value and says so, and keeps a memo once', () => {
    const plan = planMerge(lead, incoming);
    const { add, report } = applyMerge(lead, incoming, plan, acceptedNameMatches([plan], () => true));
    expect(add.documents.map((d) => ({ ...d.variables }))).toEqual([{ school: 'Noord', leeftijd: '12' }]);
    expect(report.added.variableValues).toBe(1);
    expect(report.skipped.conflicts).toEqual(['doc 01: school = Zuid']);
    expect(add.memos).toEqual([]);
    expect(report.matched.memos).toBe(1);
  });

  it('folds several projects into one with mergeProjects, the lead’s records replaced by what gained', () => {
    const { data, reports } = mergeProjects(lead, [incoming, incoming], () => true);
    expect(data.segments.map((x) => x.comment)).toEqual(['twijfel']);
    expect(data.documents).toHaveLength(1);
    expect(reports[1]?.added).toMatchObject({ segments: 0, memos: 0, variableValues: 0, comments: 0 });
  });
});
