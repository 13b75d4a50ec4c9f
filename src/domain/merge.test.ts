import { applyMerge, planMerge } from './merge';
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
