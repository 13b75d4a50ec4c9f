import { migrateBundle, MIGRATIONS, type Migration } from './migrate';
import { BUNDLE_FORMAT_VERSION, type RawBundle } from './types';

const raw = (formatVersion: number, project: unknown = { steps: [] }): RawBundle => ({
  manifest: { format: 'markeer-bundle', formatVersion },
  project,
  files: new Map([['texts/a.txt', new Uint8Array([104, 105])]]),
});

const steps = (r: RawBundle): string[] => (r.project as { steps: string[] }).steps;
const step =
  (name: string): Migration =>
  (r) => ({ ...r, project: { steps: [...steps(r), name] } });

describe('bundle migrations', () => {
  it('has a step from every older format version to the next', () => {
    for (let v = 1; v < BUNDLE_FORMAT_VERSION; v++) expect(MIGRATIONS[v], `migration ${v} -> ${v + 1}`).toBeTypeOf('function');
  });

  it('leaves a bundle of the current version as it is', () => {
    const bundle = raw(BUNDLE_FORMAT_VERSION);
    expect(migrateBundle(bundle, BUNDLE_FORMAT_VERSION)).toEqual(bundle);
  });

  it('runs every step from the bundle’s version up to the current one, in order, and stamps the new version', () => {
    const table = { 1: step('1->2'), 2: step('2->3') };
    const migrated = migrateBundle(raw(1), 1, table, 3);
    expect(steps(migrated)).toEqual(['1->2', '2->3']);
    expect(migrated.manifest.formatVersion).toBe(3);
    expect(steps(migrateBundle(raw(2), 2, table, 3))).toEqual(['2->3']);
    expect(migrated.files.get('texts/a.txt')).toEqual(new Uint8Array([104, 105]));
  });

  it('treats a missing step as a bug', () => {
    expect(() => migrateBundle(raw(1), 1, { 1: step('1->2') }, 3)).toThrow(/migration from bundle format 2 to 3/);
    expect(() => migrateBundle(raw(4), 4, {}, 3)).toThrow(/Assertion failed/);
  });
});
