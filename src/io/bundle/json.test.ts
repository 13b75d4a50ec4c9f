import { stableJson, tooDeeplyNested } from './json';

describe('stable JSON', () => {
  it('writes every object’s keys in sorted order, at any depth, and keeps every key', () => {
    const value = { b: 1, a: [{ z: 1, y: { d: 2, c: 3 } }], variables: { school: 'Noord', Respondentgroep: 'Ouder' } };
    expect(stableJson(value)).toBe('{"a":[{"y":{"c":3,"d":2},"z":1}],"b":1,"variables":{"Respondentgroep":"Ouder","school":"Noord"}}\n');
  });

  it('gives the same text for the same data whatever the order keys were added in', () => {
    expect(stableJson({ x: 1, y: [2, { q: 1, p: 2 }] })).toBe(stableJson({ y: [2, { p: 2, q: 1 }], x: 1 }));
  });
});

describe('how deep a JSON value nests', () => {
  const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('names the field of a project whose value nests 200,000 arrays deep, without overflowing the stack', () => {
    const project = JSON.parse(`{"codes":[{"guid":"c1","x":${nested(200_000)}}],"segments":[]}`);
    expect(tooDeeplyNested(project, 100)).toBe('codes[0].x');
  });

  it('lets nesting up to the limit through, counting the value itself as depth 1', () => {
    expect(tooDeeplyNested(JSON.parse(`{"a":${nested(99)}}`), 100)).toBeNull();
    expect(tooDeeplyNested(JSON.parse(`{"a":${nested(100)}}`), 100)).toBe('a');
    expect(tooDeeplyNested('text', 1)).toBeNull();
    expect(tooDeeplyNested([], 1)).toBeNull();
  });

  it('writes keys that are not plain names in brackets, and finds deep nesting after shallow siblings', () => {
    const value = { documents: [{ variables: {} }, { variables: { 'my field': [[[[1]]]] } }] };
    expect(tooDeeplyNested(value, 6)).toBe('documents[1].variables["my field"]');
  });
});
