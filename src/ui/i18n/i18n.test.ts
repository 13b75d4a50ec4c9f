import { resources } from './index';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function values(obj: unknown): string[] {
  if (typeof obj === 'string') return [obj];
  if (typeof obj !== 'object' || obj === null) return [];
  return Object.values(obj).flatMap(values);
}

describe('interface strings', () => {
  it('has the same keys in Dutch and English', () => {
    expect(keys(resources.nl.translation).sort()).toEqual(keys(resources.en.translation).sort());
  });

  it('has no empty string in either language', () => {
    for (const lang of ['nl', 'en'] as const) {
      for (const v of values(resources[lang].translation)) expect(v.trim()).not.toBe('');
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
    const nlKeys = keys(resources.nl.translation);
    const get = (o: unknown, path: string) => path.split('.').reduce((a: unknown, k) => (a as Record<string, unknown>)[k], o);
    for (const k of nlKeys) {
      expect(vars(get(resources.en.translation, k) as string), k).toEqual(vars(get(resources.nl.translation, k) as string));
    }
  });

  it('addresses the user as “je” in Dutch, never as “u”', () => {
    // "u-alfa" is Krippendorff's unitizing alpha, not a pronoun.
    const formal = values(resources.nl.translation).filter((v) => /(^|[^\p{L}-])(u|uw|uzelf)(?![\p{L}-])/iu.test(v.replace(/Ctrl\+U/g, '')));
    expect(formal).toEqual([]);
  });
});
