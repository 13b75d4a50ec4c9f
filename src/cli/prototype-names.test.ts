// @vitest-environment node
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureProject } from '../domain/analysis/matrix-fixture';
import { sha256Hex } from '../domain/text';
import { serializeBundle } from '../io/bundle';
import { run } from './main';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('the command line with variables named like Object.prototype members', () => {
  it('makes a matrix by their values, "(no value)" for documents without one', async () => {
    const { data } = fixtureProject({
      documents: [
        { name: 'Ouder 1', text: 'Ja, dat klopt.', variables: JSON.parse('{"constructor":"Ja","__proto__":"Nee"}') as Record<string, string> },
        { name: 'Ouder 2', text: 'Nee, niet echt.' },
      ],
      codes: [{ name: 'Instemming' }],
      segments: [
        { doc: 'Ouder 1', at: 'Ja', codes: ['Instemming'] },
        { doc: 'Ouder 2', at: 'Nee', codes: ['Instemming'] },
      ],
    });
    const documents = await Promise.all(data.documents.map(async (d, i) => ({ ...d, sha256: await sha256Hex(data.texts[i]?.text ?? '') })));
    const file = join(await mkdtemp(join(tmpdir(), 'markeer-proto-')), 'project.markeer');
    await writeFile(file, await serializeBundle({ ...data, documents }, { kind: 'full', appVersion: 'test', exportedBy: { guid: data.coders[0]!.guid, name: 'Anna' } }));
    for (const [name, value] of [
      ['constructor', 'Ja'],
      ['__proto__', 'Nee'],
    ]) {
      const r = await cli('matrix', file, '--cols', `variable:${name}`);
      expect(r.err).toBe('');
      expect(r.status).toBe(0);
      expect(r.out.split('\n')).toEqual([`code        ${value}  (no value)`, `Instemming  ${value === 'Ja' ? ' 1' : '  1'}           1`]);
    }
    const none = await cli('matrix', file, '--cols', 'variable:toString');
    expect(none.status).toBe(1);
    expect(none.err).toContain('no variable "toString"');
  });
});
