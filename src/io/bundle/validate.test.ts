import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code, Theme } from '../../domain/model';
import type { ProjectData } from '../../domain/project-data';
import { parseBundle } from './parse';
import { serializeBundle } from './serialize';

async function demo(): Promise<ProjectData> {
  const parsed = await parseBundle(new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'v2-demo.markeer'))));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.data;
}

const bundleOf = (data: ProjectData) => serializeBundle(data, { kind: 'full', appVersion: '0.1.0', exportedBy: { guid: data.coders[0]!.guid, name: 'Anna' }, exportedAt: '2026-03-05T12:00:00.000Z' });
const guid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

describe('a bundle’s trees of codes and themes', () => {
  it('reads a codebook and themes 20,000 levels deep in time that grows with their number, not its square', async () => {
    // Walking up from every code to the root took 40 s for 20,000 chained codes (as long again for
    // the themes), and 100,000 would take a quarter of an hour; now the whole read takes a few seconds.
    const data = await demo();
    const codes: Code[] = [...data.codes];
    const themes: Theme[] = [...data.themes];
    for (let i = 0; i < 20_000; i++) {
      codes.push({ ...data.codes[0]!, guid: guid('c0de0000', i), parentGuid: i === 0 ? null : guid('c0de0000', i - 1), name: `Code ${i}` });
      themes.push({ ...data.themes[0]!, guid: guid('7e3e0000', i), parentGuid: i === 0 ? null : guid('7e3e0000', i - 1), name: `Thema ${i}`, codeGuids: [], quoteSegmentGuids: [] });
    }
    const parsed = await parseBundle(await bundleOf({ ...data, codes, themes }));
    expect(parsed.ok && parsed.value.data.codes.length).toBe(data.codes.length + 20_000);
  });

  it('refuses a code whose parents lead into a cycle, naming the first such code', async () => {
    const data = await demo();
    const byName = new Map(data.codes.map((c) => [c.name, c]));
    const parentOf: Record<string, string> = { Contact: 'Gevoelens', Gevoelens: 'Zorgen' };
    const codes = data.codes.map((c) => (c.name in parentOf ? { ...c, parentGuid: byName.get(parentOf[c.name]!)!.guid } : c));
    const parsed = await parseBundle(await bundleOf({ ...data, codes }));
    // Contact (codes[0]) is not on the cycle Gevoelens-Zorgen, but never reaches a root either.
    expect(parsed).toEqual({ ok: false, reason: 'bundle-invalid', detail: 'project.json: codes[0] (“Contact”) is its own ancestor' });
  });
});
