import { inGuidOrder } from '../../domain/project-data';
import fc from 'fast-check';
import type { Code, Coder, Coding, DocumentRecord, DocumentText, Segment } from '../../domain/model';
import { normalizeText, sha256Hex } from '../../domain/text';
import { detectTurns } from '../../domain/turns';
import { parseBundle } from './parse';
import { serializeBundle, type SerializeOptions } from './serialize';
import { demoBundle, readJson, unzip } from './test-zip';
import type { ProjectData } from './types';

/** Pieces that trip up offset maths: astral characters, joined emoji, combining accents, line ends. */
const tricky = fc.constantFrom('😀', '👩‍👩‍👧', '𝔘', 'e\u0301', 'n\u0303o', 'ß', '\n', '\r\n', '\n\n', ' ', '\t', 'I: ', 'Leerling 2: ', '\ufeff', '\u00a0');
const textArb = fc
  .array(fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })), { maxLength: 30 })
  .map((parts) => normalizeText(parts.join('')));
const nameArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const timeArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());

const seedArb = fc.record({
  guids: fc.uniqueArray(fc.uuid(), { minLength: 80, maxLength: 80 }),
  coders: fc.array(fc.record({ name: nameArb, color: fc.constantFrom('#1d4e89', '#b5179e') }), { minLength: 1, maxLength: 3 }),
  documents: fc.array(fc.record({ name: nameArb, text: textArb, time: timeArb, school: fc.option(nameArb, { nil: undefined }) }), { maxLength: 3 }),
  codes: fc.array(fc.record({ name: nameArb, parent: fc.nat(), definition: fc.string(), shortcut: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }) }), { maxLength: 6 }),
  segments: fc.array(fc.record({ doc: fc.nat(), coder: fc.nat(), a: fc.nat(), b: fc.nat(), comment: fc.string({ unit: 'grapheme' }), codes: fc.uniqueArray(fc.nat(), { maxLength: 3 }) }), { maxLength: 12 }),
});

type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;

/** A consistent project from random pieces: every reference points to a record of the project. */
async function build(seed: Seed): Promise<ProjectData> {
  const guids = [...seed.guids];
  const next = () => guids.pop() as string;
  const projectGuid = next();
  const coders: Coder[] = seed.coders.map((c) => ({ guid: next(), projectGuid, ...c }));
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  for (const [order, d] of seed.documents.entries()) {
    const guid = next();
    documents.push({
      guid,
      projectGuid,
      name: d.name,
      length: d.text.length,
      sha256: await sha256Hex(d.text),
      createdAt: d.time,
      updatedAt: d.time,
      variables: d.school === undefined ? {} : { school: d.school },
      speakerMap: {},
      order,
    });
    texts.push({ documentGuid: guid, projectGuid, text: d.text, turns: detectTurns(d.text) });
  }
  const codes: Code[] = [];
  for (const [i, c] of seed.codes.entries()) {
    // A parent among the codes before, so that the tree has no cycle.
    const parent = c.parent % (i + 1);
    codes.push({ guid: next(), projectGuid, parentGuid: parent === i ? null : (codes[parent]?.guid ?? null), name: c.name, color: '#2a9d8f', definition: c.definition, order: i, shortcut: c.shortcut });
  }
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  for (const s of seed.segments) {
    const doc = documents[s.doc % Math.max(documents.length, 1)];
    const text = texts.find((t) => t.documentGuid === doc?.guid)?.text ?? '';
    if (!doc || text.length === 0) continue;
    const start = s.a % text.length;
    const end = start + 1 + (s.b % (text.length - start));
    const coder = coders[s.coder % coders.length] as Coder;
    const segment: Segment = { guid: next(), projectGuid, documentGuid: doc.guid, coderGuid: coder.guid, start, end, text: text.slice(start, end), comment: s.comment, createdAt: doc.createdAt };
    segments.push(segment);
    for (const c of codes.length ? s.codes : []) {
      const code = codes[c % codes.length] as Code;
      if (codings.some((x) => x.segmentGuid === segment.guid && x.codeGuid === code.guid)) continue;
      codings.push({ guid: next(), projectGuid, segmentGuid: segment.guid, documentGuid: doc.guid, codeGuid: code.guid, coderGuid: coder.guid, createdAt: doc.createdAt });
    }
  }
  const owner = coders[0] as Coder;
  const project = { guid: projectGuid, name: 'Project', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z', ownerCoderGuid: owner.guid, template: null };
  return { project, coders, documents, texts, codes, segments, codings, variables: [], groups: [], memos: [], themes: [], attempts: [] };
}

const sorted = inGuidOrder;

const options = (data: ProjectData, extra: Partial<SerializeOptions> = {}): SerializeOptions => ({
  kind: 'full',
  appVersion: '0.1.0',
  exportedBy: { guid: data.project.ownerCoderGuid, name: 'Anna' },
  ...extra,
});

async function demoData(): Promise<ProjectData> {
  const r = await parseBundle(demoBundle());
  if (!r.ok) throw new Error(r.reason);
  return r.value.data;
}

describe('serializeBundle', () => {
  it('gives back the same project data when the bundle is parsed (random texts with emoji, accents and line ends)', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, async (seed) => {
        const data = await build(seed);
        const parsed = await parseBundle(await serializeBundle(data, options(data)));
        if (!parsed.ok) throw new Error(`${parsed.reason}: ${parsed.detail}`);
        expect(parsed.value.data).toEqual(sorted(data));
      }),
      { numRuns: 60 },
    );
  });

  it('writes the same bytes for the same data and export time, whatever the order of the records', async () => {
    const data = await demoData();
    const reversed = { ...data, codes: [...data.codes].reverse(), segments: [...data.segments].reverse(), texts: [...data.texts].reverse() };
    const at = { exportedAt: '2026-05-01T12:00:00.000Z' };
    expect(await serializeBundle(reversed, options(data, at))).toEqual(await serializeBundle(data, options(data, at)));
  });

  it('differs between two exports only in the export time', async () => {
    const data = await demoData();
    const first = await unzip(await serializeBundle(data, options(data, { exportedAt: '2026-05-01T12:00:00.000Z' })));
    const second = await unzip(await serializeBundle(data, options(data, { exportedAt: '2026-06-01T08:30:00.000Z' })));
    expect([...first.keys()]).toEqual([...second.keys()]);
    for (const [path, bytes] of first) if (path !== 'manifest.json') expect(second.get(path), path).toEqual(bytes);
    expect({ ...readJson(first, 'manifest.json'), exportedAt: null }).toEqual({ ...readJson(second, 'manifest.json'), exportedAt: null });
  });

  it('writes a manifest with format, version, app, time, project, exporter and each text’s SHA-256', async () => {
    const data = await demoData();
    const files = await unzip(await serializeBundle(data, options(data, { exportedAt: '2026-05-01T12:00:00.000Z' })));
    const manifest = readJson(files, 'manifest.json');
    expect(manifest).toMatchObject({
      format: 'markeer-bundle',
      formatVersion: 2,
      appVersion: '0.1.0',
      exportedAt: '2026-05-01T12:00:00.000Z',
      projectGuid: data.project.guid,
      exportedBy: { guid: data.project.ownerCoderGuid, name: 'Anna' },
      kind: 'full',
    });
    for (const doc of data.documents) {
      const entry = manifest.documents.find((d: { guid: string }) => d.guid === doc.guid);
      expect(entry).toEqual({ guid: doc.guid, path: `texts/${doc.guid}.txt`, sha256: doc.sha256 });
      const bytes = files.get(entry.path) as Uint8Array;
      expect(bytes[0]).not.toBe(0xef); // no byte-order mark
      expect(new TextDecoder().decode(bytes)).toBe(data.texts.find((t) => t.documentGuid === doc.guid)?.text);
    }
    expect(readJson(files, 'project.json').texts[0]).not.toHaveProperty('text');
  });

  it('leaves segments and codings out of a hand-out, and keeps every coder', async () => {
    const data = await demoData();
    const parsed = await parseBundle(await serializeBundle(data, options(data, { kind: 'handout' })));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.manifest.kind).toBe('handout');
    expect(parsed.value.data).toEqual({ ...sorted(data), segments: [], codings: [] });
  });
});
