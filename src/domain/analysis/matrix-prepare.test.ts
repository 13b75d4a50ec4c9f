import fc from 'fast-check';
import type { Coding, Guid, Segment } from '../model';
import type { ProjectData } from '../project-data';
import { NO_FILTER, type AnalysisFilter } from './filter';
import { cellSegments, computeMatrix, prepareMatrixAhead } from './matrix';
import { fixtureProject } from './matrix-fixture';

const TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
const CODERS = ['Anna', 'Bram', 'Cas'];

/**
 * The counts of the matrix by documents, worked out the plain way: a coding counts when its code
 * exists, its segment passes and its own document and coder pass; a segment counts once for each
 * code it is credited to (its codes and the codes above them).
 */
function expected(data: ProjectData, filter: AnalysisFilter) {
  const passes = (coder: Guid) => filter.coderGuids.length === 0 || filter.coderGuids.includes(coder);
  const docs = new Set(data.documents.map((d) => d.guid));
  const segments = data.segments.filter((s) => docs.has(s.documentGuid) && passes(s.coderGuid));
  const codes = new Map(data.codes.map((c) => [c.guid, c]));
  const direct = new Map<Segment, Set<Guid>>();
  for (const c of data.codings) {
    const segment = segments.find((s) => s.guid === c.segmentGuid);
    if (!segment || !codes.has(c.codeGuid) || !docs.has(c.documentGuid) || !passes(c.coderGuid)) continue;
    direct.set(segment, (direct.get(segment) ?? new Set()).add(c.codeGuid));
  }
  const above = (code: Guid): Guid[] => {
    const parent = codes.get(code)?.parentGuid ?? null;
    return [code, ...(parent && codes.has(parent) ? above(parent) : [])];
  };
  const inCell = (code: Guid, doc: Guid, rolled: boolean) =>
    [...direct]
      .filter(([s, mine]) => s.documentGuid === doc && [...mine].some((m) => (rolled ? above(m) : [m]).includes(code)))
      .map(([s]) => s)
      .sort((a, b) => a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : 1));
  return { inCell };
}

/** A project of 1-3 documents, 1-5 codes (each under an earlier one or at the top) and up to 30 segments. */
const projects = fc
  .record({
    documents: fc.integer({ min: 1, max: 3 }),
    parents: fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 5 }),
    segments: fc.array(
      fc.record({ doc: fc.nat(), from: fc.nat({ max: TEXT.length - 1 }), length: fc.integer({ min: 1, max: 20 }), coder: fc.nat({ max: 2 }), codes: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
      { maxLength: 30 },
    ),
    // codings made odd afterwards: filed under another document, of a code that is not there, of a segment that is not there
    elsewhere: fc.array(fc.nat()),
    unknownCode: fc.array(fc.nat()),
    unknownSegment: fc.array(fc.nat()),
    coders: fc.subarray([0, 1, 2]),
  })
  .map((r) => {
    const documents = Array.from({ length: r.documents }, (_, i) => ({ name: `D${i}`, text: TEXT }));
    const codes = r.parents.map((p, i) => ({ name: `K${i}`, ...(p !== null && i > 0 ? { parent: `K${p % i}` } : {}) }));
    const { data, ids } = fixtureProject({
      coders: CODERS,
      documents,
      codes,
      segments: r.segments.map((s) => ({
        doc: `D${s.doc % r.documents}`,
        at: [s.from, Math.min(TEXT.length, s.from + s.length)] as const,
        codes: s.codes.map((c) => `K${c % codes.length}`),
        coder: CODERS[s.coder] as string,
      })),
    });
    const codings: Coding[] = data.codings.map((c, k) => {
      if (r.elsewhere.includes(k)) return { ...c, documentGuid: ids[`D${(k + 1) % r.documents}`] as Guid };
      if (r.unknownCode.includes(k)) return { ...c, codeGuid: '0000dead-0000-4000-8000-000000000000' };
      if (r.unknownSegment.includes(k)) return { ...c, segmentGuid: '0000dead-0000-4000-8000-000000000001' };
      return c;
    });
    const filter: AnalysisFilter = { ...NO_FILTER, coderGuids: r.coders.map((c) => ids[CODERS[c] as string] as Guid) };
    return { data: { ...data, codings }, filter };
  });

describe('the preparation of the matrices', () => {
  it('counts each segment once per code it is credited to, whatever the coders, codes and codings', () => {
    fc.assert(
      fc.property(projects, ({ data, filter }) => {
        const { inCell } = expected(data, filter);
        const m = computeMatrix(data, { columns: { kind: 'documents' }, count: 'segments', filter });
        // prepared ahead in the smallest slices: the same matrix
        const ahead = { ...data };
        const job = prepareMatrixAhead(ahead, filter);
        while (!job.step(() => false));
        expect(computeMatrix(ahead, { columns: { kind: 'documents' }, count: 'segments', filter })).toEqual(m);
        for (const row of m.rows) {
          let total = 0;
          for (const doc of data.documents) {
            const rolled = inCell(row.codeGuid, doc.guid, true);
            expect(row.cells[doc.guid]).toBe(rolled.length);
            expect(row.own[doc.guid]).toBe(inCell(row.codeGuid, doc.guid, false).length);
            expect(cellSegments(data, { columns: { kind: 'documents' }, filter }, row.codeGuid, doc.guid)).toEqual(rolled);
            total += rolled.length;
          }
          expect(row.total).toBe(total);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts a coding filed under another document than its segment’s, in its segment’s document', () => {
    const { data, ids } = fixtureProject({
      documents: [
        { name: 'D0', text: TEXT },
        { name: 'D1', text: TEXT },
      ],
      codes: [{ name: 'K' }],
      segments: [{ doc: 'D0', at: 'abc', codes: ['K'] }],
    });
    const odd = { ...data, codings: data.codings.map((c) => ({ ...c, documentGuid: ids.D1 as Guid })) };
    const row = computeMatrix(odd, { columns: { kind: 'documents' }, count: 'segments', filter: NO_FILTER }).rows[0];
    expect(row?.cells[ids.D0 as string]).toBe(1);
    expect(row?.cells[ids.D1 as string]).toBe(0);
  });
});
