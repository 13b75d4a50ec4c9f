// @vitest-environment node
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

describe('the command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'markeer-cli-'));
  });

  it('makes a hand-out bundle from transcripts with the same import and speaker detection as the app', async () => {
    const out = join(dir, 'studie.markeer');
    const made = await cli('new', out, join(FIXTURES, 'school-noord-leiding.txt'), join(FIXTURES, 'mentorgesprek-teams.vtt'), join(FIXTURES, 'zorgcoordinator-zuid.docx'));
    expect(made.status).toBe(0);
    const shown = await cli('info', out, '--json');
    const info = JSON.parse(shown.out);
    expect(info.project.name).toBe('studie');
    expect(info.documents.map((d: { name: string }) => d.name)).toEqual(['school-noord-leiding', 'mentorgesprek-teams', 'zorgcoordinator-zuid']);
    expect(info.documents[0].speakers).toEqual([
      { name: 'I', turns: 6 },
      { name: 'T', turns: 5 },
      { name: 'Z', turns: 4 },
    ]);
    expect(info.documents[1].speakers.map((s: { name: string }) => s.name)).toEqual(['Interviewer', 'Mentor']);
    expect(info.codes.length).toBe(34);
    expect(info.segments).toEqual([]);
    const text = (await readFile(join(FIXTURES, 'school-noord-leiding.txt'), 'utf8')).replace(/\r\n?/g, '\n').trimEnd();
    expect(info.documents[0].length).toBe(text.length);
  });

  it('lists segments with UTF-16 offsets and the text they cover, and merges coders without doubling work', async () => {
    const handout = join(dir, 'handout.markeer');
    await cli('new', handout, '--coder', 'Lead', join(FIXTURES, 'school-noord-ouder.txt'));
    const base = await loadProjectOrThrow(handout);
    const text = base.texts[0]!.text;
    const start = text.indexOf('Slecht.');
    const coderBundle = async (name: string, guid: string) => {
      const coder = { guid, projectGuid: base.project.guid, name, color: '#ff0000' };
      const segment = createSegment({ projectGuid: base.project.guid, documentGuid: base.documents[0]!.guid, coderGuid: guid, text, start, end: start + 7 });
      const data = { ...base, coders: [...base.coders, coder], segments: [segment], codings: [createCoding(segment, base.codes[1]!.guid)] };
      const file = join(dir, `${name}.markeer`);
      await writeFile(file, await serializeBundle(data, { kind: 'full', appVersion: 'test', exportedBy: { guid, name } }));
      return file;
    };
    const anna = await coderBundle('Anna', '11111111-1111-4111-8111-111111111111');
    const bram = await coderBundle('Bram', '22222222-2222-4222-8222-222222222222');
    const merged = join(dir, 'merged.markeer');
    const r = await cli('merge', merged, handout, anna, bram, anna);
    expect(r.status).toBe(0);
    const info = JSON.parse((await cli('info', merged, '--json')).out);
    expect(info.coders.map((c: { name: string }) => c.name).sort()).toEqual(['Anna', 'Bram', 'Lead']);
    expect(info.segments).toHaveLength(2);
    expect(info.segments[0]).toMatchObject({ start, end: start + 7, text: 'Slecht.' });
  });

  it('computes agreement across coder bundles, with counts a reader can check', async () => {
    const handout = join(dir, 'handout.markeer');
    await cli('new', handout, join(FIXTURES, 'school-noord-ouder.txt'));
    const base = await loadProjectOrThrow(handout);
    const text = base.texts[0]!.text;
    const L = text.length;
    const leaf = base.codes.find((c) => c.name === 'Communicatie')!;
    const bundle = async (name: string, guid: string, start: number, end: number) => {
      const coder = { guid, projectGuid: base.project.guid, name, color: '#ff0000' };
      const segment = createSegment({ projectGuid: base.project.guid, documentGuid: base.documents[0]!.guid, coderGuid: guid, text, start, end });
      const data = { ...base, coders: [...base.coders, coder], segments: [segment], codings: [createCoding(segment, leaf.guid)] };
      const file = join(dir, `${name}.markeer`);
      await writeFile(file, await serializeBundle(data, { kind: 'full', appVersion: 'test', exportedBy: { guid, name } }));
      return file;
    };
    const a = await bundle('Anna', '11111111-1111-4111-8111-111111111111', 100, 300);
    const b = await bundle('Bram', '22222222-2222-4222-8222-222222222222', 200, 400);
    const r = await cli('agreement', a, b, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.coders.map((c: { name: string }) => c.name)).toEqual(['Anna', 'Bram']);
    const code = out.codes.find((c: { guid: string }) => c.guid === leaf.guid);
    const [both, onlyA, onlyB] = [100, 100, 100];
    const neither = L - 300;
    expect(code.pooled).toMatchObject({ both, onlyA, onlyB, neither });
    expect(code.pooled.percentAgreement).toBeCloseTo((100 * (both + neither)) / L, 6);
    const po = (both + neither) / L;
    const pe = (200 / L) * (200 / L) + ((L - 200) / L) * ((L - 200) / L);
    expect(code.pooled.cohenKappa).toBeCloseTo((po - pe) / (1 - pe), 6);
    // The parent of the code rolls it up: the same counts.
    const parent = out.codes.find((c: { guid: string }) => c.guid === leaf.parentGuid);
    expect(parent.pooled).toMatchObject({ both, onlyA, onlyB, neither });
    expect((await cli('agreement', a, b, '--coders', 'Bram,Anna', '--json')).status).toBe(0);
    expect((await cli('agreement', a, '--coders', 'Nobody')).err).toContain('no coder "Nobody"');
  });

  it('converts a project to REFI-QDA and back, keeping segments and their text', async () => {
    const handout = join(dir, 'handout.markeer');
    await cli('new', handout, join(FIXTURES, 'school-noord-ouder.txt'));
    const base = await loadProjectOrThrow(handout);
    const text = base.texts[0]!.text;
    const start = text.indexOf('Slecht.');
    const segment = createSegment({ projectGuid: base.project.guid, documentGuid: base.documents[0]!.guid, coderGuid: base.coders[0]!.guid, text, start, end: start + 7 });
    const coded = join(dir, 'coded.markeer');
    await writeFile(coded, await serializeBundle({ ...base, segments: [segment], codings: [createCoding(segment, base.codes[3]!.guid)] }, { kind: 'full', appVersion: 'test', exportedBy: { guid: base.coders[0]!.guid, name: 'Lead' } }));
    const qdpx = join(dir, 'project.qdpx');
    expect((await cli('export', coded, '--format', 'qdpx', '-o', qdpx)).status).toBe(0);
    const fromRefi = JSON.parse((await cli('info', qdpx, '--json')).out);
    expect(fromRefi.segments).toEqual([expect.objectContaining({ start, end: start + 7, text: 'Slecht.', codeGuids: [base.codes[3]!.guid] })]);
    expect((await cli('validate', qdpx)).status).toBe(0);
    const back = join(dir, 'back.markeer');
    expect((await cli('export', qdpx, '-o', back)).status).toBe(0);
    expect(JSON.parse((await cli('info', back, '--json')).out).segments[0].text).toBe('Slecht.');
    const qdc = join(dir, 'codes.qdc');
    expect((await cli('export', coded, '--format', 'qdc', '-o', qdc)).status).toBe(0);
    expect(JSON.parse((await cli('info', qdc, '--json')).out).codes).toHaveLength(base.codes.length);
    expect((await cli('export', coded, '--format', 'pdf', '-o', join(dir, 'x.pdf'))).err).toContain('unknown format');
  });

  it('merges two QualCoder exports of a Markeer project back into it without doubling coders, segments or memos', async () => {
    const q = (name: string) => resolve(__dirname, '../io/refi/fixtures/qualcoder', name);
    const merged = join(dir, 'merged.markeer');
    const files = [q('markeer-sample.markeer'), q('qualcoder-export-1.qdpx'), q('qualcoder-export-2.qdpx')];
    // Without the flag, QualCoder's new user GUIDs keep the same names apart, and the command line says so.
    const apart = await cli('merge', merged, ...files);
    expect(apart.status).toBe(0);
    expect(apart.err).toContain('--same-coder-by-name');
    const r = await cli('merge', merged, ...files, '--same-coder-by-name');
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/coder "Anna de Vries" \(.+\) taken as "Anna de Vries"/);
    const original = await loadProjectOrThrow(files[0]!);
    const data = await loadProjectOrThrow(merged);
    expect(data.coders.map((c) => c.name).sort()).toEqual(original.coders.map((c) => c.name).sort());
    const work = (d: typeof data) => d.segments.map((s) => `${s.documentGuid} ${s.coderGuid} ${s.start} ${s.end}`).sort();
    expect(work(data)).toEqual(work(original));
    expect(data.codings).toHaveLength(original.codings.length);
    // The second export adds nothing the first did not.
    const once = join(dir, 'once.markeer');
    await cli('merge', once, files[0]!, files[1]!, '--same-coder-by-name');
    expect((await loadProjectOrThrow(once)).memos.length).toBe(data.memos.length);
    // Agreement by name works on the merged exports.
    const agreement = await cli('agreement', ...files, '--same-coder-by-name', '--coders', 'Anna de Vries,Bram Jansen', '--json');
    expect(agreement.status, agreement.err).toBe(0);
    expect(JSON.parse(agreement.out).coders.map((c: { name: string }) => c.name)).toEqual(['Anna de Vries', 'Bram Jansen']);
    const ambiguous = await cli('agreement', ...files, '--coders', 'Anna de Vries,Bram Jansen');
    expect(ambiguous.err).toContain('several coders are named "Anna de Vries"');
  });

  it('reads REFI-QDA files other tools wrote, and refuses a broken one with its reason', async () => {
    const refi = resolve(__dirname, '../io/refi/fixtures');
    const nvivo = await cli('info', join(refi, 'nvivo-mac-15.qdpx'), '--json');
    expect(nvivo.status).toBe(0);
    expect(JSON.parse(nvivo.out).documents.length).toBeGreaterThan(0);
    const bad = join(dir, 'bad.qdpx');
    await writeFile(bad, 'geen zip');
    const r = await cli('validate', bad);
    expect(r.status).toBe(1);
    expect(r.err).toContain('not a REFI-QDA project');
  });

  it('validates a sound file with status 0 and refuses a broken one with status 1 and a reason', async () => {
    const good = join(dir, 'good.markeer');
    await cli('new', good, join(FIXTURES, 'school-noord-ouder.txt'));
    expect((await cli('validate', good)).status).toBe(0);
    const bad = join(dir, 'bad.markeer');
    await writeFile(bad, 'geen zip');
    const r = await cli('validate', bad);
    expect(r.status).toBe(1);
    expect(r.err).toContain('not a Markeer bundle');
  });

  it('exits non-zero with a clear message on bad input', async () => {
    expect((await cli('frobnicate')).status).toBe(1);
    expect((await cli('info')).err).toContain('name one project file');
    const missing = await cli('info', join(dir, 'nope.markeer'));
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('cannot be read (ENOENT)');
    const pdf = join(dir, 'x.pdf');
    await writeFile(pdf, '%PDF-1.4');
    const r = await cli('new', join(dir, 'o.markeer'), pdf);
    expect(r.status).toBe(1);
    expect(r.err).toContain('x.pdf: has a file type Markeer cannot import');
    expect((await cli('new', join(dir, 'o.markeer'), '--template', 'nope', pdf)).err).toContain('unknown template');
  });
});
