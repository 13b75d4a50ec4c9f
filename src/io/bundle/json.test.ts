import { stableJson } from './json';

describe('stable JSON', () => {
  it('writes every object’s keys in sorted order, at any depth, and keeps every key', () => {
    const value = { b: 1, a: [{ z: 1, y: { d: 2, c: 3 } }], variables: { school: 'Noord', Respondentgroep: 'Ouder' } };
    expect(stableJson(value)).toBe('{"a":[{"y":{"c":3,"d":2},"z":1}],"b":1,"variables":{"Respondentgroep":"Ouder","school":"Noord"}}\n');
  });

  it('gives the same text for the same data whatever the order keys were added in', () => {
    expect(stableJson({ x: 1, y: [2, { q: 1, p: 2 }] })).toBe(stableJson({ y: [2, { p: 2, q: 1 }], x: 1 }));
  });
});
