// @vitest-environment node
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureProject } from '../domain/analysis/matrix-fixture';
import type { ProjectData } from '../domain/project-data';
import { sha256Hex } from '../domain/text';
import { serializeBundle } from '../io/bundle';
import { run } from './main';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

const T1 = 'De school belde elke week. Ouders kregen een laptop mee.';
const T2 = 'Wij hoorden weinig van de school. De mentor mailde soms.';

async function bundleFile(dir: string): Promise<{ file: string; ids: Record<string, string> }> {
  const { data, ids } = fixtureProject({
    coders: ['Anna', 'Bram'],
    documents: [
      { name: 'Ouder 1', text: T1, variables: { school: 'Noord', groep: 'Ouder' } },
      { name: 'Leraar 1', text: T2, variables: { school: 'Noord', groep: 'Leraar' } },
      { name: 'Ouder 2', text: 'Geen contact.', variables: { school: 'Zuid', groep: 'Ouder' } },
    ],
    codes: [{ name: 'Contact' }, { name: 'Eenrichting', parent: 'Contact' }, { name: 'Tweerichting', parent: 'Contact' }, { name: 'Middelen' }],
    groups: [{ name: 'Noord', documents: ['Ouder 1', 'Leraar 1'] }],
    segments: [
      { doc: 'Ouder 1', at: 'De school belde elke week.', codes: ['Contact', 'Eenrichting'] },
      { doc: 'Ouder 1', at: 'elke week. Ouders kregen', codes: ['Tweerichting'] },
      { doc: 'Ouder 1', at: 'De school belde elke week.', codes: ['Eenrichting'], coder: 'Bram' },
      { doc: 'Ouder 1', at: 'een laptop', codes: ['Middelen'] },
      { doc: 'Leraar 1', at: 'De mentor mailde soms.', codes: ['Eenrichting', 'Tweerichting'] },
    ],
  });
  const documents = await Promise.all(data.documents.map(async (d, i) => ({ ...d, sha256: await sha256Hex(data.texts[i]?.text ?? '') })));
  const withHashes: ProjectData = { ...data, documents };
  const file = join(dir, 'project.markeer');
  await writeFile(file, await serializeBundle(withHashes, { kind: 'full', appVersion: 'test', exportedBy: { guid: data.coders[0]!.guid, name: 'Anna' } }));
  return { file, ids };
}

describe('the matrix command', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'markeer-matrix-'));
  });

  it('prints codes x variable values as JSON with descendants rolled up', async () => {
    const { file, ids } = await bundleFile(dir);
    const r = await cli('matrix', file, '--rows', 'codes', '--cols', 'variable:groep', '--count', 'segments', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      columns: [
        { key: 'Leraar', label: 'Leraar' },
        { key: 'Ouder', label: 'Ouder' },
      ],
      rows: [
        { codeGuid: ids.Contact, name: 'Contact', cells: { Leraar: 1, Ouder: 3 } },
        { codeGuid: ids.Eenrichting, name: 'Eenrichting', cells: { Leraar: 1, Ouder: 2 } },
        { codeGuid: ids.Tweerichting, name: 'Tweerichting', cells: { Leraar: 1, Ouder: 1 } },
        { codeGuid: ids.Middelen, name: 'Middelen', cells: { Leraar: 0, Ouder: 1 } },
      ],
    });
  });

  it('counts documents and words per document, keyed by GUID, and restricts to a coder', async () => {
    const { file, ids } = await bundleFile(dir);
    const docs = JSON.parse((await cli('matrix', file, '--cols', 'variable:school', '--count', 'documents', '--json')).out);
    expect(docs.rows[0].cells).toEqual({ Noord: 2, Zuid: 0 });
    const words = JSON.parse((await cli('matrix', file, '--cols', 'documents', '--count', 'words', '--json')).out);
    expect(words.columns.map((c: { key: string }) => c.key)).toEqual([ids['Ouder 1'], ids['Leraar 1'], ids['Ouder 2']]);
    expect(words.rows[0].cells[ids['Ouder 1'] as string]).toBe(7);
    const bram = JSON.parse((await cli('matrix', file, '--cols', 'groups', '--coder', 'Bram', '--json')).out);
    expect(bram.columns).toEqual([{ key: ids.Noord, label: 'Noord' }]);
    expect(bram.rows.map((r: { cells: Record<string, number> }) => r.cells[ids.Noord as string])).toEqual([1, 1, 0, 0]);
    const byGuid = JSON.parse((await cli('matrix', file, '--cols', 'groups', '--coder', ids.Bram as string, '--json')).out);
    expect(byGuid).toEqual(bram);
  });

  it('prints an aligned table without --json', async () => {
    const { file } = await bundleFile(dir);
    const r = await cli('matrix', file, '--cols', 'variable:school', '--count', 'documents');
    expect(r.status).toBe(0);
    expect(r.out.split('\n')).toEqual(['code            Noord (2)  Zuid (1)', 'Contact                 2         0', '  Eenrichting           2         0', '  Tweerichting          2         0', 'Middelen                1         0']);
  });

  it('prints code x code co-occurrence, also one table per variable value', async () => {
    const { file, ids } = await bundleFile(dir);
    const r = JSON.parse((await cli('matrix', file, '--cooccur', '--own', '--across-coders', '--json')).out);
    expect(r.codes.map((c: { name: string }) => c.name)).toEqual(['Contact', 'Eenrichting', 'Tweerichting', 'Middelen']);
    const row = (name: string) => r.rows.find((x: { name: string }) => x.name === name).cells;
    expect(row('Eenrichting')[ids.Tweerichting as string]).toBe(3);
    // By default one coder's own segments only: Bram's segment beside Anna's does not count.
    const own = JSON.parse((await cli('matrix', file, '--cooccur', '--own', '--json')).out);
    expect(own.rows.find((x: { name: string }) => x.name === 'Eenrichting').cells[ids.Tweerichting as string]).toBe(2);
    expect(row('Eenrichting')[ids.Eenrichting as string]).toBe(3);
    expect(row('Middelen')[ids.Contact as string]).toBe(0);
    const split = JSON.parse((await cli('matrix', file, '--cooccur', '--split-by', 'groep', '--across-coders', '--json')).out);
    expect(split.splits.map((s: { key: string }) => s.key)).toEqual(['Leraar', 'Ouder']);
    expect(split.splits[1].rows[0].cells[ids.Contact as string]).toBe(3);
    const text = await cli('matrix', file, '--cooccur');
    expect(text.out.split('\n')[0]).toBe('code               1  2  3  4');
  });

  it('refuses unknown variables, coders and options with a clear message', async () => {
    const { file } = await bundleFile(dir);
    const cases: [string[], RegExp][] = [
      [['--cols', 'variable:regio'], /no variable "regio"; variables: school, groep|no variable "regio"; variables: groep, school/],
      [['--coder', 'Chris'], /no coder "Chris"; coders: Anna, Bram/],
      [['--count', 'pages'], /unknown --count "pages"/],
      [['--cols', 'rows'], /unknown --cols "rows"/],
      [['--rows', 'documents'], /unknown --rows "documents"/],
      [['--cooccur', '--split-by', 'regio'], /no variable "regio"/],
      [['--colour'], /matrix: Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('matrix', file, ...args);
      expect(r.status).toBe(1);
      expect(r.err).toMatch(message);
    }
    expect((await cli('matrix')).err).toMatch(/name one project file/);
    expect((await cli('matrix', join(dir, 'missing.markeer'))).err).toMatch(/cannot be read/);
  });
});
