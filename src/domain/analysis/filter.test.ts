import { filteredDocuments, filteredWork, NO_FILTER } from './filter';
import type { Coding, DocumentGroup, DocumentRecord, Segment } from '../model';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const A = 'cccccccc-0000-4000-8000-000000000001';
const B = 'cccccccc-0000-4000-8000-000000000002';
const doc = (n: number, variables: Record<string, string>): DocumentRecord => ({
  guid: `dddddddd-0000-4000-8000-00000000000${n}`,
  projectGuid: P,
  name: `d${n}`,
  length: 10,
  sha256: '',
  createdAt: '',
  updatedAt: '',
  variables,
  speakerMap: {},
  order: n,
});
const documents = [doc(3, { school: 'Zuid', groep: 'Ouder' }), doc(1, { school: 'Noord', groep: 'Ouder' }), doc(2, { school: 'Noord', groep: 'Leraar' })];
const groups: DocumentGroup[] = [{ guid: 'abababab-0000-4000-8000-000000000001', projectGuid: P, name: 'G', description: '', documentGuids: [documents[0]!.guid, documents[2]!.guid], order: 0 }];
const seg = (d: DocumentRecord, coderGuid: string, n: number): Segment => ({ guid: `eeeeeeee-0000-4000-8000-00000000000${n}`, projectGuid: P, documentGuid: d.guid, coderGuid, start: 0, end: 1, text: 'x', comment: '', createdAt: '' });
const coding = (s: Segment): Coding => ({ guid: s.guid.replace('eeee', 'ffff'), projectGuid: P, segmentGuid: s.guid, documentGuid: s.documentGuid, codeGuid: 'bbbbbbbb-0000-4000-8000-000000000001', coderGuid: s.coderGuid, createdAt: '' });

describe('the analysis filter', () => {
  it('keeps every document, in document order, without restrictions', () => {
    expect(filteredDocuments({ documents, groups }, NO_FILTER).map((d) => d.name)).toEqual(['d1', 'd2', 'd3']);
  });

  it('restricts by group, by variable values (any of them) and by chosen documents together', () => {
    expect(filteredDocuments({ documents, groups }, { ...NO_FILTER, groupGuids: [groups[0]!.guid] }).map((d) => d.name)).toEqual(['d2', 'd3']);
    expect(filteredDocuments({ documents, groups }, { ...NO_FILTER, variables: [{ name: 'groep', values: ['Ouder'] }] }).map((d) => d.name)).toEqual(['d1', 'd3']);
    const both = { ...NO_FILTER, groupGuids: [groups[0]!.guid], variables: [{ name: 'school', values: ['Noord', 'West'] }] };
    expect(filteredDocuments({ documents, groups }, both).map((d) => d.name)).toEqual(['d2']);
    expect(filteredDocuments({ documents, groups }, { ...NO_FILTER, documentGuids: [documents[1]!.guid] }).map((d) => d.name)).toEqual(['d1']);
  });

  it('keeps only the chosen coders’ segments and codings in the chosen documents', () => {
    const segments = [seg(documents[0]!, A, 1), seg(documents[1]!, B, 2), seg(documents[1]!, A, 3)];
    const work = filteredWork({ documents, groups, segments, codings: segments.map(coding) }, { ...NO_FILTER, coderGuids: [A], variables: [{ name: 'school', values: ['Noord'] }] });
    expect(work.segments.map((s) => s.guid)).toEqual([segments[2]!.guid]);
    expect(work.codings.map((c) => c.segmentGuid)).toEqual([segments[2]!.guid]);
  });
});
