import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_JSON_DEPTH } from '../../domain/limits';
import { parseBundle } from './parse';
import { demoBundle, editJson, readJson, rezip, sha256, unzip, zipFiles, type Json } from './test-zip';

const DOC = 'd1000000-0000-4000-8000-000000000001'; // “Interview ouder 1”, 273 code units
const TEXT_PATH = `texts/${DOC}.txt`;
const SEGMENT = '51000000-0000-4000-8000-000000000001'; // Anna's, 77-145 in DOC
const UNKNOWN = '99999999-9999-4999-8999-999999999999';
const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(bytes: Uint8Array | Promise<Uint8Array>) {
  const result = await parseBundle(await bytes);
  if (result.ok) throw new Error('the bundle was accepted');
  return { reason: result.reason, detail: result.detail };
}

describe('parseBundle refuses what is not a sound bundle, saying why and where', () => {
  it('refuses a file that is not a zip at all', async () => {
    expect(await refusal(utf8('%PDF-1.7 a report'))).toEqual({ reason: 'bundle-not-zip', detail: '17 bytes, starting with "%PDF-1.7"' });
    expect(await refusal(new Uint8Array())).toEqual({ reason: 'bundle-not-zip', detail: 'the file is empty' });
  });

  it('refuses a zip that was cut off', async () => {
    const bytes = demoBundle();
    expect(await refusal(bytes.slice(0, Math.floor(bytes.length / 2)))).toMatchObject({ reason: 'bundle-damaged' });
    expect(await refusal(bytes.slice(0, bytes.length - 10))).toMatchObject({ reason: 'bundle-damaged' });
  });

  it('refuses a zip whose compressed data was damaged', async () => {
    const bytes = demoBundle();
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // The first entry's data follows its 30-byte local header, name and extra field.
    const dataStart = 30 + view.getUint16(26, true) + view.getUint16(28, true);
    for (let i = dataStart + 4; i < dataStart + 12; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    expect(await refusal(bytes)).toMatchObject({ reason: 'bundle-damaged' });
  });

  it('refuses a zip without a manifest', async () => {
    expect(await refusal(rezip(demoBundle(), (files) => files.delete('manifest.json')))).toMatchObject({ reason: 'bundle-missing-manifest' });
    expect(await refusal(zipFiles(new Map()))).toEqual({ reason: 'bundle-missing-manifest', detail: 'the zip is empty' });
  });

  it('refuses a manifest of another format, naming it', async () => {
    const bytes = editJson(demoBundle(), 'manifest.json', (m) => (m.format = 'refi-qda'));
    expect(await refusal(bytes)).toEqual({ reason: 'bundle-not-markeer', detail: 'refi-qda' });
  });

  it('refuses a bundle from a newer format version, naming the version', async () => {
    const bytes = editJson(demoBundle(), 'manifest.json', (m) => (m.formatVersion = 99));
    expect(await refusal(bytes)).toEqual({ reason: 'bundle-newer-format', detail: '99' });
  });

  it('refuses a manifest or project.json that is not JSON', async () => {
    expect(await refusal(rezip(demoBundle(), (files) => files.set('manifest.json', '{"format": ')))).toMatchObject({
      reason: 'bundle-invalid',
      detail: expect.stringMatching(/^manifest\.json is not valid JSON/),
    });
    expect(await refusal(rezip(demoBundle(), (files) => files.set('project.json', 'nee')))).toMatchObject({
      reason: 'bundle-invalid',
      detail: expect.stringMatching(/^project\.json is not valid JSON/),
    });
    expect(await refusal(rezip(demoBundle(), (files) => files.delete('project.json')))).toEqual({ reason: 'bundle-invalid', detail: 'project.json is missing' });
  });

  it('names the field of a record that has the wrong type', async () => {
    expect(await refusal(editJson(demoBundle(), 'project.json', (p) => (p.segments[3].end = '96')))).toEqual({
      reason: 'bundle-invalid',
      detail: 'project.json: segments[3].end is not a number',
    });
    expect(await refusal(editJson(demoBundle(), 'project.json', (p) => (p.codes[1].order = undefined)))).toEqual({
      reason: 'bundle-invalid',
      detail: 'project.json: codes[1].order is missing',
    });
    expect(await refusal(editJson(demoBundle(), 'project.json', (p) => (p.coders[0].guid = 'anna')))).toEqual({
      reason: 'bundle-invalid',
      detail: 'project.json: coders[0].guid is not a GUID',
    });
    expect(await refusal(editJson(demoBundle(), 'project.json', (p) => (p.documents[0].variables.school = 3)))).toEqual({
      reason: 'bundle-invalid',
      detail: 'project.json: documents[0].variables["school"] is not a string',
    });
    expect(await refusal(editJson(demoBundle(), 'manifest.json', (m) => (m.kind = 'half')))).toEqual({
      reason: 'bundle-invalid',
      detail: 'manifest.json: kind is not "full", "handout" or "exercise"',
    });
  });

  it('refuses segments and codings that point to nothing', async () => {
    const cases: [(p: Json) => void, string][] = [
      [(p) => (p.segments[1].coderGuid = UNKNOWN), 'project.json: segments[1].coderGuid names no coder'],
      [(p) => (p.segments[0].documentGuid = UNKNOWN), 'project.json: segments[0].documentGuid names no document'],
      [(p) => (p.codings[2].coderGuid = UNKNOWN), 'project.json: codings[2].coderGuid names no coder'],
      [(p) => (p.codings[0].segmentGuid = UNKNOWN), 'project.json: codings[0].segmentGuid names no segment'],
      [(p) => (p.codings[4].codeGuid = UNKNOWN), 'project.json: codings[4].codeGuid names no code'],
      [(p) => (p.codes[0].parentGuid = UNKNOWN), 'project.json: codes[0].parentGuid names no code'],
      [(p) => (p.project.ownerCoderGuid = UNKNOWN), 'project.json: project.ownerCoderGuid names no coder'],
    ];
    for (const [edit, detail] of cases) {
      expect(await refusal(editJson(demoBundle(), 'project.json', edit))).toEqual({ reason: 'bundle-invalid', detail });
    }
  });

  it('refuses a codebook with a cycle, a GUID used twice and records of another project', async () => {
    const cycle = editJson(demoBundle(), 'project.json', (p) => (p.codes[0].parentGuid = p.codes[2].guid));
    expect(await refusal(cycle)).toEqual({ reason: 'bundle-invalid', detail: 'project.json: codes[0] (“Contact”) is its own ancestor' });
    const twice = editJson(demoBundle(), 'project.json', (p) => (p.codings[3].guid = p.codings[1].guid));
    expect(await refusal(twice)).toEqual({ reason: 'bundle-invalid', detail: 'project.json: codings[3].guid repeats codings[1]' });
    const other = editJson(demoBundle(), 'project.json', (p) => (p.codes[2].projectGuid = UNKNOWN));
    expect(await refusal(other)).toEqual({ reason: 'bundle-invalid', detail: "project.json: codes[2].projectGuid is not the project's GUID" });
  });

  it('keeps a theme whose code or quotation was deleted since, without the missing references', async () => {
    const v2 = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'v2-demo.markeer')));
    const edited = editJson(v2, 'project.json', (p) => {
      p.themes[0].codeGuids.push(UNKNOWN);
      p.themes[0].quoteSegmentGuids.push(UNKNOWN);
    });
    const result = await parseBundle(await edited);
    if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
    const theme = result.value.data.themes.find((t) => t.name === 'Contact dat verwatert');
    expect(theme?.codeGuids).toHaveLength(2);
    expect(theme?.quoteSegmentGuids).toEqual(['51000000-0000-4000-8000-000000000001']);
  });

  it('refuses a bundle that lacks a document’s text, naming the document and the path', async () => {
    const bytes = rezip(demoBundle(), (files) => files.delete(TEXT_PATH));
    expect(await refusal(bytes)).toEqual({ reason: 'bundle-missing-text', detail: `“Interview ouder 1” (${TEXT_PATH})` });
  });

  it('refuses a text that differs from its checksum, naming the document', async () => {
    const bytes = rezip(demoBundle(), (files) => files.set(TEXT_PATH, 'Een andere tekst.'));
    expect(await refusal(bytes)).toEqual({ reason: 'bundle-checksum-mismatch', detail: `“Interview ouder 1” (${TEXT_PATH})` });
  });

  it('refuses a text that import would have normalised instead of changing it silently', async () => {
    const files = await unzip(demoBundle());
    const crlf = new TextDecoder().decode(files.get(TEXT_PATH)).replace(/\n/g, '\r\n');
    const sum = await sha256(utf8(crlf));
    const bytes = rezip(demoBundle(), (f) => f.set(TEXT_PATH, crlf));
    const withSum = editJson(await bytes, 'manifest.json', (m) => (m.documents[0].sha256 = sum));
    expect(await refusal(withSum)).toEqual({
      reason: 'bundle-checksum-mismatch',
      detail: `“Interview ouder 1” (${TEXT_PATH}): the text is not in normalised form`,
    });
  });

  it('refuses a segment that reaches beyond its document, naming segment, document, range and length', async () => {
    const bytes = editJson(demoBundle(), 'project.json', (p) => (p.segments[0].end = 400));
    expect(await refusal(bytes)).toEqual({
      reason: 'bundle-segment-outside-document',
      detail: `segment ${SEGMENT} in “Interview ouder 1”: range 77-400, text length 273`,
    });
    const reversed = editJson(demoBundle(), 'project.json', (p) => (p.segments[0].start = 150));
    expect(await refusal(reversed)).toMatchObject({ reason: 'bundle-segment-outside-document' });
  });

  it('refuses a segment whose copy of the text differs from the document there', async () => {
    const bytes = editJson(demoBundle(), 'project.json', (p) => (p.segments[0].text = 'Eerst goed'));
    expect(await refusal(bytes)).toEqual({ reason: 'bundle-segment-text-mismatch', detail: `segment ${SEGMENT} in “Interview ouder 1” at 77-145` });
  });
});

describe('parseBundle reads generously what is sound', () => {
  it('normalises GUIDs written in upper case or with braces', async () => {
    const bytes = editJson(demoBundle(), 'project.json', (p) => {
      p.segments[0].guid = `{${SEGMENT.toUpperCase()}}`;
      p.codings[0].segmentGuid = SEGMENT.toUpperCase();
      p.project.ownerCoderGuid = `{${p.project.ownerCoderGuid.toUpperCase()}}`;
    });
    const result = await parseBundle(await bytes);
    expect(result.ok && result.value.data.segments[0]?.guid).toBe(SEGMENT);
    expect(result.ok && result.value.data.codings[0]?.segmentGuid).toBe(SEGMENT);
    expect(result.ok && result.value.data.project.ownerCoderGuid).toBe('a1111111-1111-4111-8111-111111111111');
  });

  it('keeps fields it does not know', async () => {
    const bytes = editJson(demoBundle(), 'project.json', (p) => {
      p.codes[0].memo = { text: 'Later uitwerken' };
      p.project.theme = 'donker';
      p.segments[2].weight = 2;
    });
    const result = await parseBundle(await bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.data.codes[0]).toMatchObject({ name: 'Contact', memo: { text: 'Later uitwerken' } });
    expect(result.value.data.project).toMatchObject({ theme: 'donker' });
    expect(result.value.data.segments[2]).toMatchObject({ weight: 2 });
  });

  it('refuses a field nested 200,000 arrays deep, naming the field and the limit', async () => {
    // b39-deep-json: JSON.stringify cannot write such a value (it overflows), so it is spliced in as text.
    const bytes = rezip(demoBundle(), (files) => {
      const project = readJson(files, 'project.json');
      project.codes[0].x = 'DEEP';
      files.set('project.json', JSON.stringify(project).replace('"DEEP"', `${'['.repeat(200_000)}${']'.repeat(200_000)}`));
    });
    expect(await refusal(bytes)).toEqual({
      reason: 'bundle-invalid',
      detail: `project.json: codes[0].x nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, the most Markeer reads`,
    });
  });

  it('reports progress up to the end', async () => {
    const seen: number[] = [];
    await parseBundle(demoBundle(), { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
  });
});
