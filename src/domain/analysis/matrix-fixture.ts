/**
 * Small hand-made projects for tests of matrices (domain, command line, exports): documents
 * with text and variables, a code tree, and segments with their codes and coders.
 */
import type { Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Guid, Segment } from '../model';
import type { ProjectData } from '../project-data';

const P = '00000000-0000-4000-8000-000000000000';

export interface FixtureSpec {
  readonly coders?: readonly string[];
  /** name -> text and variables */
  readonly documents: readonly { name: string; text: string; variables?: Record<string, string> }[];
  /** name -> parent name (null: top level), in order. */
  readonly codes: readonly { name: string; parent?: string }[];
  readonly groups?: readonly { name: string; documents: readonly string[] }[];
  /** A segment: the document, the marked text (first occurrence) or [start, end), its codes, its coder. */
  readonly segments: readonly { doc: string; at: string | readonly [number, number]; codes: readonly string[]; coder?: string }[];
  readonly citationTemplate?: string;
}

const guid = (prefix: string, n: number): Guid => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The project with deterministic GUIDs; `ids` maps names to them. */
export function fixtureProject(spec: FixtureSpec): { data: ProjectData; ids: Record<string, Guid> } {
  const ids: Record<string, Guid> = {};
  const coderNames = spec.coders ?? ['Anna'];
  const coders: Coder[] = coderNames.map((name, i) => ({ guid: (ids[name] = guid('c0de0000', i + 1)), projectGuid: P, name, color: '#336699' }));
  const documents: DocumentRecord[] = spec.documents.map((d, i) => ({
    guid: (ids[d.name] = guid('d0c00000', i + 1)),
    projectGuid: P,
    name: d.name,
    length: d.text.length,
    sha256: '',
    createdAt: '',
    updatedAt: '',
    variables: d.variables ?? {},
    speakerMap: {},
    order: i,
  }));
  const texts: DocumentText[] = spec.documents.map((d) => ({ documentGuid: ids[d.name] as Guid, projectGuid: P, text: d.text, turns: [] }));
  const codes: Code[] = spec.codes.map((c, i) => ({ guid: (ids[c.name] = guid('c0de1111', i + 1)), projectGuid: P, parentGuid: null, name: c.name, color: '#aa0000', definition: '', order: i, shortcut: null }));
  const withParents = codes.map((c, i) => {
    const parent = spec.codes[i]?.parent;
    return parent ? { ...c, parentGuid: ids[parent] as Guid } : c;
  });
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  spec.segments.forEach((s, i) => {
    const text = spec.documents.find((d) => d.name === s.doc)?.text ?? '';
    const [start, end] = typeof s.at === 'string' ? [text.indexOf(s.at), text.indexOf(s.at) + s.at.length] : s.at;
    if (start < 0) throw new Error(`"${String(s.at)}" is not in ${s.doc}`);
    const coderGuid = ids[s.coder ?? coderNames[0] ?? ''] as Guid;
    const seg: Segment = { guid: guid('5e900000', i + 1), projectGuid: P, documentGuid: ids[s.doc] as Guid, coderGuid, start, end, text: text.slice(start, end), comment: '', createdAt: '' };
    segments.push(seg);
    s.codes.forEach((name, j) => {
      codings.push({ guid: guid('c0d10000', (i + 1) * 100 + j), projectGuid: P, segmentGuid: seg.guid, documentGuid: seg.documentGuid, codeGuid: ids[name] as Guid, coderGuid, createdAt: '' });
    });
  });
  const groups: DocumentGroup[] = (spec.groups ?? []).map((g, i) => ({
    guid: (ids[g.name] = guid('96000000', i + 1)),
    projectGuid: P,
    name: g.name,
    description: '',
    documentGuids: g.documents.map((n) => ids[n] as Guid),
    order: i,
  }));
  const data: ProjectData = {
    project: { guid: P, name: 'Fixture', createdAt: '', updatedAt: '', ownerCoderGuid: coders[0]?.guid ?? '', template: null, ...(spec.citationTemplate ? { citationTemplate: spec.citationTemplate } : {}) },
    coders,
    documents,
    texts,
    codes: withParents,
    segments,
    codings,
    variables: [],
    groups,
    memos: [],
    themes: [],
    attempts: [],
  };
  return { data, ids };
}
