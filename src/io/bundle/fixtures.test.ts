import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBundle } from './parse';

const fixtures = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, name)));

async function parsed(name: string) {
  const result = await parseBundle(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.reason} ${result.detail ?? ''}`);
  return result.value;
}

describe('committed bundle fixtures', () => {
  it.each(readdirSync(fixtures).filter((f) => f.endsWith('.markeer')))('still reads %s', async (name) => {
    const { data } = await parsed(name);
    expect(data.documents.length).toBeGreaterThan(0);
  });

  describe('v2-demo.markeer, format version 2', () => {
    it('has typed variables, a document group and memos on the project, a document, a code and a segment', async () => {
      const { manifest, data } = await parsed('v2-demo.markeer');
      expect(manifest.formatVersion).toBe(2);
      expect(data.variables.map((v) => `${v.name}:${v.type}`).sort()).toEqual(['afgenomen:date', 'groep:text', 'leeftijd:number', 'online:boolean', 'school:text']);
      const parent = data.documents.find((d) => d.name === 'Interview ouder 1');
      expect(parent?.variables).toMatchObject({ leeftijd: '42', afgenomen: '2026-03-02', online: 'false' });
      expect(data.groups).toEqual([expect.objectContaining({ name: 'Ouders', documentGuids: [parent?.guid] })]);
      expect(data.memos.map((m) => `${m.targetKind}: ${m.text}`).sort()).toEqual([
        'code: Grens met Gevoelens bespreken.',
        'document: Veel zorgen na de zomer.',
        'project: Hoe ervaren ouders het contact? 🤔',
        'segment: Hier kantelt het verhaal.',
      ]);
      expect(data.project).toMatchObject({ citationTemplate: '({groep}, {school})', phase: { current: 3, done: ['1.read-all', '2.code-all'] } });
      expect(parent?.readBy).toEqual(['a1111111-1111-4111-8111-111111111111']);
      const themes = new Map(data.themes.map((t) => [t.name, t]));
      expect(themes.get('Online ontmoeten')?.parentGuid).toBe(themes.get('Contact dat verwatert')?.guid);
      expect(themes.get('Contact dat verwatert')).toMatchObject({ scopeNote: 'Niet: contact tussen leerlingen onderling.', quoteSegmentGuids: ['51000000-0000-4000-8000-000000000001'] });
      expect(data.attempts).toEqual([expect.objectContaining({ coderGuid: 'b2222222-2222-4222-8222-222222222222', threshold: 0.5, overall: expect.objectContaining({ found: 1, extra: 1 }) })]);
      const segmentMemo = data.memos.find((m) => m.targetKind === 'segment');
      expect(data.segments.find((s) => s.guid === segmentMemo?.targetGuid)?.text).toBe('Later hoorden we niks meer en maakte ik me zorgen.');
    });
  });

  describe('v1-demo.markeer, format version 1', () => {
    it('gets, when migrated, a text variable for each variable its documents use, and no groups or memos', async () => {
      const { data } = await parsed('v1-demo.markeer');
      expect(data.variables.map((v) => `${v.name}:${v.type}`).sort()).toEqual(['groep:text', 'school:text']);
      expect(data.variables.every((v) => v.projectGuid === data.project.guid)).toBe(true);
      expect(data.groups).toEqual([]);
      expect(data.memos).toEqual([]);
      expect(data.themes).toEqual([]);
      expect(data.attempts).toEqual([]);
    });

    it('has its manifest', async () => {
      const { manifest } = await parsed('v1-demo.markeer');
      expect(manifest).toMatchObject({
        format: 'markeer-bundle',
        // Migrated on read to the current version.
        formatVersion: 2,
        appVersion: '0.1.0',
        exportedAt: '2026-03-05T10:00:00.000Z',
        projectGuid: '6f1c2a3e-8d4b-4f5a-9c7e-1b2d3e4f5a60',
        exportedBy: { guid: 'a1111111-1111-4111-8111-111111111111', name: 'Anna' },
        kind: 'full',
      });
      expect(manifest.documents).toHaveLength(2);
    });

    it('has the project, its two coders and its nested codebook', async () => {
      const { data } = await parsed('v1-demo.markeer');
      expect(data.project).toMatchObject({ name: 'Ouders en school', ownerCoderGuid: 'a1111111-1111-4111-8111-111111111111', template: null });
      expect(data.coders.map((c) => c.name).sort()).toEqual(['Anna', 'Bram']);
      const byName = new Map(data.codes.map((c) => [c.name, c]));
      const parentName = (name: string) => data.codes.find((c) => c.guid === byName.get(name)?.parentGuid)?.name ?? null;
      expect(parentName('Online')).toBe('Met ouders');
      expect(parentName('Met ouders')).toBe('Contact');
      expect(parentName('Contact')).toBeNull();
      expect(parentName('Zorgen')).toBe('Gevoelens');
      expect(byName.get('Met ouders')?.shortcut).toBe(1);
      expect(byName.get('Contact')?.definition).toBe('Alles over contact tussen school en thuis.');
    });

    it('has both documents with their texts, variables, speakers and turns, offsets in UTF-16 code units', async () => {
      const { data } = await parsed('v1-demo.markeer');
      const doc = data.documents.find((d) => d.name === 'Interview ouder 1');
      const text = data.texts.find((t) => t.documentGuid === doc?.guid);
      expect(doc).toMatchObject({ length: 273, variables: { school: 'Noord', groep: 'ouders' }, speakerMap: { O: 'Ouder' }, source: 'ouder-1.txt' });
      expect(text?.text).toHaveLength(273);
      expect(text?.text).toContain('Eerst goed 😀,');
      expect(text?.text).toContain('cafe\u0301-avond');
      expect(text?.turns.map((t) => t.speaker)).toEqual(['I', 'O', 'I', 'O']);
      const pupil = data.documents.find((d) => d.name === 'Interview leerling');
      expect(pupil).toMatchObject({ length: 128, variables: { school: 'Zuid' } });
    });

    it('has overlapping segments of two coders, a comment, and codings that keep their coder', async () => {
      const { data } = await parsed('v1-demo.markeer');
      const coderName = (guid: string) => data.coders.find((c) => c.guid === guid)?.name;
      const segments = data.segments.map((s) => ({ coder: coderName(s.coderGuid), start: s.start, end: s.end, text: s.text, comment: s.comment }));
      expect(segments).toEqual([
        { coder: 'Anna', start: 77, end: 145, text: 'Eerst goed 😀, de mentor belde elke week. Later hoorden we niks meer', comment: '' },
        { coder: 'Bram', start: 119, end: 169, text: 'Later hoorden we niks meer en maakte ik me zorgen.', comment: 'Omslagpunt 👀' },
        { coder: 'Anna', start: 216, end: 237, text: 'de cafe\u0301-avond online', comment: '' },
        { coder: 'Bram', start: 70, end: 96, text: 'Niemand vroeg hoe het ging', comment: 'Let op: ironisch bedoeld?' },
      ]);
      expect(data.codings).toHaveLength(5);
      for (const c of data.codings) {
        const segment = data.segments.find((s) => s.guid === c.segmentGuid);
        expect(c.coderGuid).toBe(segment?.coderGuid);
      }
    });
  });
});
