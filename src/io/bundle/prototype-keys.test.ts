import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { variableList } from '../../domain/variables';
import { parseBundle } from './parse';
import { serializeBundle } from './serialize';
import { editJson, type Json } from './test-zip';

// Recipes b38-proto-keys and b38b-proto-strings (malformed-recipes.md): JSON.parse makes
// `__proto__` an own key; it must stay one, as data, all the way through.
const demo = (): Uint8Array => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'v2-demo.markeer')));
const own = (json: string): Json => JSON.parse(json);

describe('a bundle with keys named like Object.prototype members', () => {
  it('is refused, naming the field, when a variable value is an object (b38-proto-keys)', async () => {
    const bytes = await editJson(demo(), 'project.json', (p) => {
      p.documents[0].variables = own('{"__proto__":{"polluted":"yes"}}');
      p.documents[0].speakerMap = own('{"constructor":null}');
    });
    const r = await parseBundle(bytes);
    expect(r).toMatchObject({ ok: false, reason: 'bundle-invalid' });
    expect(r.ok ? '' : r.detail).toContain('documents[0].variables["__proto__"] is not a string');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is read with such names as ordinary variables and speakers, and written back the same (b38b-proto-strings)', async () => {
    const bytes = await editJson(demo(), 'project.json', (p) => {
      p.documents[0].variables = own(`{${Object.entries(p.documents[0].variables as Record<string, string>).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')},"__proto__":"polluted","constructor":"c","toString":"t"}`);
      p.documents[0].speakerMap = own('{"__proto__":"x","constructor":null}');
    });
    const r = await parseBundle(bytes);
    if (!r.ok) throw new Error(`${r.reason}: ${r.detail ?? ''}`);
    const doc = r.value.data.documents.find((d) => Object.hasOwn(d.variables, '__proto__'))!;
    expect(Object.getPrototypeOf(doc.variables)).not.toBe('polluted');
    expect([doc.variables['__proto__'], doc.variables['constructor'], doc.variables['toString']]).toEqual(['polluted', 'c', 't']);
    expect(Object.entries(doc.speakerMap)).toEqual([
      ['__proto__', 'x'],
      ['constructor', null],
    ]);
    // Names without a definition become text variables, like any other.
    const names = variableList(r.value.data.project.guid, r.value.data.variables, r.value.data.documents).map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString']));
    // Written back, each is an ordinary key of that document only.
    const again = await serializeBundle(r.value.data, { kind: 'full', appVersion: 'test', exportedBy: { guid: r.value.data.project.ownerCoderGuid, name: 'Test' } });
    const back = await parseBundle(again);
    if (!back.ok) throw new Error(`${back.reason}: ${back.detail ?? ''}`);
    expect(back.value.data.documents.filter((d) => Object.hasOwn(d.variables, '__proto__'))).toHaveLength(1);
    expect(back.value.data.codes.every((c) => !Object.hasOwn(c, '__proto__'))).toBe(true);
  });
});
