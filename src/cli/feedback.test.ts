// @vitest-environment node
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCoding, createSegment } from '../domain/factories';
import { serializeBundle } from '../io/bundle';
import { loadProjectOrThrow } from './load';
import { run } from './main';

const FIXTURES = resolve(__dirname, '../io/import/fixtures');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('markeer feedback', () => {
  it('compares a student’s bundle with the teacher’s across files, per code, with missed passages and confusions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'markeer-feedback-'));
    const handout = join(dir, 'oefening.markeer');
    expect((await cli('new', handout, '--coder', 'Docent', join(FIXTURES, 'school-noord-ouder.txt'))).status).toBe(0);
    const base = await loadProjectOrThrow(handout);
    const text = base.texts[0]!.text;
    const doc = base.documents[0]!.guid;
    const [zorgen, contact] = [base.codes.find((c) => c.parentGuid !== null)!, base.codes.filter((c) => c.parentGuid !== null)[1]!];
    const at = (passage: string) => {
      const start = text.indexOf(passage);
      expect(start).toBeGreaterThanOrEqual(0);
      return { start, end: start + passage.length };
    };
    const sentence = text.slice(text.indexOf('Slecht.'), text.indexOf('Slecht.') + 7);
    const bundle = async (name: string, guid: string, work: { range: { start: number; end: number }; codeGuid: string }[]) => {
      const coder = { guid, projectGuid: base.project.guid, name, color: '#ff0000' };
      const segments = work.map((w) => createSegment({ projectGuid: base.project.guid, documentGuid: doc, coderGuid: guid, text, ...w.range }));
      const data = { ...base, coders: [...base.coders, coder], segments, codings: segments.map((s, i) => createCoding(s, work[i]!.codeGuid)) };
      const file = join(dir, `${name}.markeer`);
      await writeFile(file, await serializeBundle(data, { kind: 'full', appVersion: 'test', exportedBy: { guid, name } }));
      return file;
    };
    const first = at(sentence);
    const teacher = await bundle('Referentie', '11111111-1111-4111-8111-111111111111', [{ range: first, codeGuid: zorgen.guid }]);
    const student = await bundle('Sam', '22222222-2222-4222-8222-222222222222', [{ range: first, codeGuid: contact.guid }]);

    const shown = await cli('feedback', teacher, student, '--reference', 'Referentie', '--student', '22222222-2222-4222-8222-222222222222', '--json');
    expect(shown.err).toBe('');
    expect(shown.status).toBe(0);
    const json = JSON.parse(shown.out);
    expect(json.reference).toEqual({ guid: '11111111-1111-4111-8111-111111111111', name: 'Referentie' });
    expect(json.student.name).toBe('Sam');
    expect(json.threshold).toBe(0.5);
    const byName = Object.fromEntries(json.codes.map((c: { name: string }) => [c.name, c]));
    expect(byName[zorgen.name]).toMatchObject({
      reference: 1,
      student: 0,
      found: 0,
      extra: 0,
      recall: 0,
      precision: null,
      missed: [{ documentGuid: doc, start: first.start, end: first.end, text: sentence }],
      confusedWith: [{ codeGuid: contact.guid, count: 1 }],
    });
    expect(byName[contact.name]).toMatchObject({ reference: 0, student: 1, extra: 1, recall: null, precision: 0 });
    expect(json.overall).toEqual({ reference: 1, student: 1, found: 0, extra: 1, recall: 0, precision: 0 });

    const same = await cli('feedback', teacher, '--reference', 'Referentie', '--student', 'Referentie');
    expect(same.status).toBe(1);
    expect(same.err).toContain('same coder');
    const badT = await cli('feedback', teacher, student, '--reference', 'Referentie', '--student', 'Sam', '--threshold', '1.5');
    expect(badT.status).toBe(1);
    expect(badT.err).toContain('--threshold');
  });
});
