import fc from 'fast-check';
import { stableJson } from './json';
import { JsonObjectWriter, stableJsonPieces } from './json-stream';

const pieces = (value: unknown): string => {
  let text = '';
  stableJsonPieces(value, (p) => (text += p));
  return text;
};

/** Records whose keys vary from one to the next, as lists of several tables do. */
const records = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? { z: i, guid: `g${i}`, nested: { b: 1, a: [i] } } : { guid: `g${i}`, end: i, text: `ü😀${i}` }));

describe('stableJsonPieces', () => {
  it('writes the text of stableJson, a long list in pieces', () => {
    for (const value of [records(0), records(5), records(4001), { b: records(2), a: null }, 'x', 3, null]) {
      expect(pieces(value)).toBe(stableJson(value).slice(0, -1));
    }
  });

  it('agrees with stableJson on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => pieces(value) === stableJson(value).slice(0, -1)));
  });
});

describe('JsonObjectWriter', () => {
  const object = { segments: records(4500), codes: records(3), project: { name: 'P', guid: 'p' }, groups: [{ guid: 'g', documentGuids: ['b', 'a'] }], empty: [], gone: undefined };

  it('writes the members that are ready first, and the rest at the end: the text of stableJson', () => {
    let text = '';
    const writer = new JsonObjectWriter((p) => (text += p));
    const ready = new Set<string>();
    for (const key of ['codes', 'empty', 'groups', 'project']) {
      ready.add(key);
      writer.advance(() => object, (k) => (ready.has(k) ? 'done' : undefined));
    }
    expect(text).toBe(stableJson({ codes: object.codes, empty: [], groups: object.groups, project: object.project }).slice(0, -2));
    expect(writer.finish(object)).toBe(true);
    expect(text).toBe(stableJson(object).slice(0, -1));
  });

  it('accepts copies of records when their JSON is the same', () => {
    let text = '';
    const writer = new JsonObjectWriter((p) => (text += p));
    writer.advance(() => object, (k) => (k === 'codes' ? 'done' : undefined));
    const final = { ...object, codes: object.codes.map((c) => ({ ...c })) };
    expect(writer.finish(final)).toBe(true);
    expect(text).toBe(stableJson(final).slice(0, -1));
  });

  it('refuses to finish when a member written ahead is not the final one', () => {
    const writer = new JsonObjectWriter(() => undefined);
    writer.advance(() => object, (k) => (k === 'codes' ? 'done' : undefined));
    expect(writer.finish({ ...object, codes: records(2) })).toBe(false);
    const early = new JsonObjectWriter(() => undefined);
    early.advance(() => object, (k) => (k === 'codes' ? 'done' : undefined));
    expect(early.finish({ ...object, aaa: 1 })).toBe(false);
  });

  it('writes an empty object', () => {
    let text = '';
    expect(new JsonObjectWriter((p) => (text += p)).finish({})).toBe(true);
    expect(text).toBe('{}');
  });
});

describe('JsonObjectWriter with long lists of copies', () => {
  it('accepts a long list of shallow copies without comparing its JSON', () => {
    const texts = Array.from({ length: 3000 }, (_, i) => ({ documentGuid: `d${i}`, turns: [{ start: 0, end: i }], text: 'x'.repeat(400) }));
    const ahead = { texts: texts.map(({ text: _t, ...rest }) => rest) };
    let text = '';
    const writer = new JsonObjectWriter((p) => (text += p));
    writer.advance(() => ahead, () => 'done');
    const final = { texts: texts.map(({ text: _t, ...rest }) => rest) };
    expect(writer.finish(final)).toBe(true);
    expect(text).toBe(stableJson(final).slice(0, -1));
    const changed = new JsonObjectWriter(() => undefined);
    changed.advance(() => ahead, () => 'done');
    expect(changed.finish({ texts: final.texts.map((t, i) => (i === 2999 ? { ...t, turns: [] } : t)) })).toBe(false);
  });
});

describe('JsonObjectWriter with lists that grow while they are written', () => {
  const all = records(9000);
  const object = { codes: records(3), segments: all, texts: [{ guid: 't' }] };

  it('writes a list’s first records as they come, then the rest: the text of stableJson', () => {
    let text = '';
    const writer = new JsonObjectWriter((p) => (text += p));
    for (const n of [0, 1, 2500, 2500, 7001]) {
      writer.advance(() => ({ ...object, segments: all.slice(0, n) }), (k) => (k === 'codes' ? 'done' : k === 'segments' ? 'partial' : undefined));
    }
    expect(text.startsWith(stableJson({ codes: object.codes, segments: all.slice(0, 7001) }).slice(0, -3))).toBe(true);
    expect(writer.finish(object)).toBe(true);
    expect(text).toBe(stableJson(object).slice(0, -1));
  });

  it('finishes a list whose last records came with the rest, or that stayed empty', () => {
    let text = '';
    const writer = new JsonObjectWriter((p) => (text += p));
    writer.advance(() => ({ codes: [], segments: [] }), (k) => (k === 'codes' ? 'done' : 'partial'));
    writer.advance(() => ({ codes: [], segments: [] }), (k) => (k === 'codes' ? 'done' : 'partial'));
    expect(writer.finish({ codes: [], segments: [], texts: [] })).toBe(true);
    expect(text).toBe('{"codes":[],"segments":[],"texts":[]}');
  });

  it('refuses to finish when the records written ahead are not the list’s first', () => {
    const writer = new JsonObjectWriter(() => undefined);
    writer.advance(() => ({ segments: all.slice(1, 10) }), () => 'partial');
    expect(writer.finish({ segments: all })).toBe(false);
  });
});
