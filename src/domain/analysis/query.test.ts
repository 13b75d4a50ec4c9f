import fc from 'fast-check';
import { createCode, createCoder, createCoding, createSegment } from '../factories';
import type { Code, Coding, DocumentRecord, DocumentText, Guid, Segment } from '../model';
import { NO_FILTER, type AnalysisFilter } from './filter';
import { combine, describeQuery, runQuery, validateQuery, type QueryExpr } from './query';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const anna = createCoder(P, 'Anna', '#000000');
const ben = createCoder(P, 'Ben', '#111111');

/** A small project built from readable pieces: codes by name, segments by the words they cover. */
function project(texts: readonly { name: string; text: string; variables?: Record<string, string> }[]) {
  const documents: DocumentRecord[] = texts.map((t, i) => ({
    guid: `dddddddd-0000-4000-8000-00000000000${i}`,
    projectGuid: P,
    name: t.name,
    length: t.text.length,
    sha256: '',
    createdAt: '',
    updatedAt: '',
    variables: t.variables ?? {},
    speakerMap: {},
    order: i,
  }));
  const docTexts: DocumentText[] = texts.map((t, i) => ({ documentGuid: documents[i]!.guid, projectGuid: P, text: t.text, turns: [] }));
  const codes: Code[] = [];
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  const code = (name: string, parent?: Code): Code => {
    const c = createCode({ projectGuid: P, parentGuid: parent?.guid ?? null, name, color: '#123456', order: codes.length });
    codes.push(c);
    return c;
  };
  /** Codes `words` (the first occurrence after `from`) in document `doc`, by `coder`. */
  const coded = (doc: number, words: string, coder: Guid, ...with_: Code[]): Segment => {
    const text = docTexts[doc]!.text;
    const start = text.indexOf(words);
    if (start < 0) throw new Error(`"${words}" is not in document ${doc}`);
    const s = createSegment({ projectGuid: P, documentGuid: documents[doc]!.guid, coderGuid: coder, text, start, end: start + words.length });
    segments.push(s);
    for (const c of with_) codings.push(createCoding(s, c.guid));
    return s;
  };
  const data = () => ({ documents, texts: docTexts, codes, segments, codings, groups: [] });
  return { documents, code, coded, data };
}

const term = (c: Code, withDescendants = false): QueryExpr => ({ op: 'code', codeGuid: c.guid, withDescendants });
const texts = (result: ReturnType<typeof runQuery>) => (result.ok ? result.value.map((h) => h.text) : result.reason);

describe('code queries', () => {
  const p = project([
    { name: 'Ouder 1', text: 'Wij kregen een laptop van school. De mentor belde elke week. Thuis was het druk.', variables: { groep: 'Ouder' } },
    { name: 'Leraar 1', text: 'Ik belde de ouders. Sommige ouders hadden geen laptop.', variables: { groep: 'Leraar' } },
  ]);
  const communicatie = p.code('Communicatie');
  const tweerichting = p.code('Tweerichting', communicatie);
  const laptop = p.code('Laptop');
  const thuis = p.code('Thuissituatie');
  const s1 = p.coded(0, 'Wij kregen een laptop van school.', anna.guid, laptop);
  const s2 = p.coded(0, 'een laptop van school. De mentor belde elke week.', anna.guid, tweerichting);
  const s3 = p.coded(0, 'Thuis was het druk.', anna.guid, thuis, communicatie);
  const s4 = p.coded(1, 'Ik belde de ouders.', ben.guid, communicatie);
  const s5 = p.coded(1, 'Sommige ouders hadden geen laptop.', ben.guid, laptop);
  const run = (expr: QueryExpr, filter: AnalysisFilter = NO_FILTER) => runQuery(p.data(), expr, filter);

  it('finds the segments of a code, and of the codes below it when asked, in document order', () => {
    expect(texts(run(term(communicatie)))).toEqual([s3.text, s4.text]);
    expect(texts(run(term(communicatie, true)))).toEqual([s2.text, s3.text, s4.text]);
    const hit = run(term(laptop));
    expect(hit.ok && hit.value[0]).toMatchObject({ kind: 'segment', segmentGuids: [s1.guid], codeGuids: [laptop.guid], coderGuids: [anna.guid], start: s1.start, end: s1.end });
  });

  it('lists a segment coded with both sides of an OR once, with both codes', () => {
    const result = run({ op: 'or', args: [term(thuis), term(communicatie)] });
    expect(texts(result)).toEqual([s3.text, s4.text]);
    expect(result.ok && result.value[0]?.codeGuids).toEqual([communicatie.guid, thuis.guid]);
  });

  it('gives the passage where the codes of an AND meet, with the segments it comes from', () => {
    const result = run({ op: 'and', args: [term(laptop), term(communicatie, true)] });
    expect(texts(result)).toEqual(['een laptop van school.']);
    expect(result.ok && result.value[0]).toMatchObject({ kind: 'passage', segmentGuids: [s1.guid, s2.guid], codeGuids: [tweerichting.guid, laptop.guid] });
  });

  it('keeps, for AND NOT, the segments that share no character with the other code', () => {
    const result = run(combine(term(laptop), 'andNot', term(communicatie, true)));
    expect(texts(result)).toEqual([s5.text]);
    // A segment next to another, sharing no character with it, does not overlap it.
    expect(texts(run(combine(term(thuis), 'andNot', term(tweerichting))))).toEqual([s3.text]);
  });

  it('keeps, for OVERLAPS, the whole segments of the first code that share text with the second', () => {
    const result = run(combine(term(communicatie, true), 'overlaps', term(laptop)));
    expect(texts(result)).toEqual([s2.text]);
    expect(result.ok && result.value[0]?.segmentGuids).toEqual([s1.guid, s2.guid]);
  });

  it('combines the terms of a builder left to right', () => {
    const left = combine(combine(term(thuis), 'or', term(laptop)), 'and', term(tweerichting));
    expect(texts(run(left))).toEqual(['een laptop van school.']);
    const right = combine(term(thuis), 'or', combine(term(laptop), 'and', term(tweerichting)));
    expect(texts(run(right))).toEqual(['een laptop van school.', s3.text]);
  });

  it('looks only at the work of the chosen coders in the chosen documents', () => {
    expect(texts(run(term(laptop), { ...NO_FILTER, coderGuids: [ben.guid] }))).toEqual([s5.text]);
    expect(texts(run(term(communicatie, true), { ...NO_FILTER, variables: [{ name: 'groep', values: ['Ouder'] }] }))).toEqual([s2.text, s3.text]);
    expect(texts(run({ op: 'and', args: [term(laptop), term(communicatie, true)] }, { ...NO_FILTER, coderGuids: [ben.guid] }))).toEqual([]);
  });

  it('refuses a query it cannot run, saying where', () => {
    expect(run({ op: 'not', arg: term(laptop) })).toMatchObject({ ok: false, reason: 'query-misplaced-not' });
    expect(run({ op: 'and', args: [{ op: 'not', arg: term(laptop) }] })).toMatchObject({ ok: false, reason: 'query-misplaced-not' });
    expect(run({ op: 'or', args: [] })).toMatchObject({ ok: false, reason: 'query-empty' });
    expect(run({ op: 'or', args: [term(laptop), { op: 'code', codeGuid: 'gone', withDescendants: false }] })).toEqual({
      ok: false,
      reason: 'query-unknown-code',
      detail: '.args[1]: gone',
    });
    expect(validateQuery(combine(term(laptop), 'andNot', term(thuis)), p.data().codes).ok).toBe(true);
  });

  it('writes the query as text with its grouping', () => {
    const name = (g: Guid) => p.data().codes.find((c) => c.guid === g)?.name ?? '?';
    const expr = combine(combine(term(thuis), 'or', term(laptop)), 'andNot', term(communicatie, true));
    expect(describeQuery(expr, name)).toBe('(Thuissituatie OR Laptop) AND NOT Communicatie (+)');
    expect(describeQuery(combine(term(laptop), 'overlaps', term(thuis)), name)).toBe('Laptop OVERLAPS Thuissituatie');
  });
});

describe('the AND of two codes', () => {
  it('covers exactly the characters that both codes cover', () => {
    const range = fc.tuple(fc.nat(39), fc.integer({ min: 1, max: 10 })).map(([s, l]) => [s, Math.min(40, s + l)] as const);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), fc.array(range, { maxLength: 6 }), (as, bs) => {
        const p = project([{ name: 'd', text: 'x'.repeat(40) }]);
        const a = p.code('A');
        const b = p.code('B');
        // Placed by offset: in a text of one letter, coded() would find every range at 0.
        const data = p.data();
        const place = (c: Code, [start, end]: readonly [number, number]) => {
          const s = createSegment({ projectGuid: P, documentGuid: p.documents[0]!.guid, coderGuid: anna.guid, text: 'x'.repeat(40), start, end });
          data.segments.push(s);
          data.codings.push(createCoding(s, c.guid));
        };
        as.forEach((r) => place(a, r));
        bs.forEach((r) => place(b, r));
        const covered = (rs: readonly (readonly [number, number])[]) => new Set(rs.flatMap(([s, e]) => Array.from({ length: e - s }, (_, i) => s + i)));
        const both = [...covered(as)].filter((i) => covered(bs).has(i)).sort((x, y) => x - y);
        const result = runQuery(data, { op: 'and', args: [term(a), term(b)] }, NO_FILTER);
        if (!result.ok) return false;
        const got = result.value.flatMap((h) => Array.from({ length: h.end - h.start }, (_, i) => h.start + i));
        expect(got).toEqual(both);
        // Every passage's segments overlap it.
        for (const h of result.value) for (const g of h.segmentGuids) {
          const s = data.segments.find((x) => x.guid === g)!;
          expect(Math.max(s.start, h.start) < Math.min(s.end, h.end)).toBe(true);
        }
        return true;
      }),
    );
  });
});
