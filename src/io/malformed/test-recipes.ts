/**
 * Test helper: the malformed files of issue 13, one per kind of the attack's table
 * (malformed-recipes.md: b01-b45, q01-q23, t01-t12 and b38b, t04b, t04c, t05b), each built in
 * memory from a valid project: the demo bundle of format version 2 (bundle/fixtures/v2-demo.markeer,
 * written again by the current serializer), its `.qdpx` export, a demo transcript and the demo
 * `.docx`. Nothing large is committed: a 1.1 GB entry of zeros is written from its 1 MB deflate
 * stream (test-zip-writer.ts), a 200 M-character text is a repeated run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { ProjectData } from '../../domain/project-data';
import { parseBundle, serializeBundle, textPath } from '../bundle';
import { exportQdc, exportQdpx } from '../refi';
import { concat, entryOf, runEntry, writeZip, zipOf, type ZipEntry } from './test-zip-writer';

export type RecipeKind = 'bundle' | 'refi' | 'text';

/**
 * What Markeer must do with a file: `refuse` it with a reason, or either refuse it or accept it
 * when the result is sound (`either`: a damaged element may be reported and left out, an entry
 * nothing names may be skipped).
 */
export type Expectation = 'refuse' | 'either';

export interface BuiltRecipe {
  readonly bytes: Uint8Array;
  /**
   * What a refusal must name besides the file: each inner list holds alternatives (any one will
   * do, compared ignoring case), every list must be met. E.g. [["segments[0]", "<its guid>"]].
   */
  readonly where: readonly (readonly string[])[];
}

export interface Recipe {
  /** The file name, e.g. "b01-empty.markeer". */
  readonly name: string;
  readonly kind: RecipeKind;
  /** The table's description of the damage. */
  readonly recipe: string;
  readonly expect: Expectation;
  readonly build: () => Promise<BuiltRecipe>;
  /**
   * When the file is accepted: what must hold of the project it gives (as exported and read
   * back), e.g. that a transcript's accents survived; a problem, or null.
   */
  readonly whenAccepted?: (data: ProjectData) => Promise<string | null>;
  /**
   * When the file is accepted, what it changed or left out must still be reported: the command
   * line prints a line naming the file that matches this, and the app's import returns warnings
   * (issue 13: replaced bytes and impossible subtitle timestamps with their line, a damaged
   * REFI-QDA element left out with its name).
   */
  readonly reports?: RegExp;
  /**
   * Words of which the command line's output must hold one, whether it refuses or accepts the file
   * (ignoring case): e.g. that a zip-slip name is unsafe, not merely that a text is missing.
   */
  readonly mustSay?: readonly string[];
}

// Hand-edited JSON is untyped on purpose: recipes write what a careless or hostile editor might.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const randomGuid = (): string => crypto.randomUUID();
const here = import.meta.dirname;
const readFixture = (...path: string[]): Uint8Array => new Uint8Array(readFileSync(join(here, '..', ...path)));

async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
  return files;
}

// ---- The valid project everything starts from. ----

interface Base {
  readonly data: ProjectData;
  /** The full bundle as the current serializer writes it. */
  readonly bundle: Uint8Array;
  /** Its files in zip order: manifest.json, project.json, texts/<guid>.txt. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly manifest: Json;
  readonly project: Json;
  readonly qdpx: Uint8Array;
  readonly qdpxFiles: ReadonlyMap<string, Uint8Array>;
  readonly qde: string;
  readonly qdc: string;
  readonly docxFiles: ReadonlyMap<string, Uint8Array>;
  /** A demo transcript (school-noord-ouder.txt). */
  readonly transcript: string;
}

const EXPORTED_AT = '2026-03-05T12:00:00.000Z';

async function loadBase(): Promise<Base> {
  const parsed = await parseBundle(readFixture('bundle', 'fixtures', 'v2-demo.markeer'));
  if (!parsed.ok) throw new Error(`v2-demo.markeer: ${parsed.reason}`);
  const data = parsed.value.data;
  const owner = data.coders.find((c) => c.guid === data.project.ownerCoderGuid)!;
  const bundle = await serializeBundle(data, { kind: 'full', appVersion: '0.1.0', exportedBy: { guid: owner.guid, name: owner.name }, exportedAt: EXPORTED_AT });
  const files = await unzip(bundle);
  const qdpx = (await exportQdpx(data, { positions: 'codepoints', now: EXPORTED_AT })).bytes;
  const qdpxFiles = await unzip(qdpx);
  return {
    data,
    bundle,
    files,
    manifest: JSON.parse(text(files.get('manifest.json')!)),
    project: JSON.parse(text(files.get('project.json')!)),
    qdpx,
    qdpxFiles,
    qde: text(qdpxFiles.get('project.qde')!),
    qdc: exportQdc(data.codes, new Set(data.codings.map((c) => c.codeGuid)), { uniqueCodeNames: false }),
    docxFiles: await unzip(readFixture('import', 'fixtures', 'zorgcoordinator-zuid.docx')),
    transcript: text(readFixture('import', 'fixtures', 'school-noord-ouder.txt')),
  };
}

let basePromise: Promise<Base> | undefined;
const base = (): Promise<Base> => (basePromise ??= loadBase());

/** A deep copy of JSON, own "__proto__" keys kept (JSON.parse makes them own properties). */
const copy = (value: Json): Json => JSON.parse(JSON.stringify(value));

/** The bundle's files with manifest.json and project.json edited; `files` edits the rest. */
async function bundleWith(edit: { manifest?: (m: Json) => void; project?: (p: Json) => void; files?: (f: Map<string, Uint8Array | string>, b: Base) => void }): Promise<Uint8Array> {
  const b = await base();
  const manifest = copy(b.manifest);
  const project = copy(b.project);
  edit.manifest?.(manifest);
  edit.project?.(project);
  const files = new Map<string, Uint8Array | string>(b.files);
  files.set('manifest.json', JSON.stringify(manifest, null, 2));
  files.set('project.json', JSON.stringify(project));
  edit.files?.(files, b);
  return zipOf(files);
}

/** documents[0] of project.json, its text's path and bytes. */
async function firstDocument() {
  const b = await base();
  const doc = b.project.documents[0];
  const path = textPath(doc.guid);
  return { doc, path, bytes: b.files.get(path)! };
}

// ---- Building blocks for the other formats. ----

const ONE_POINT_ONE_GB = 1_100_000_000;

/** An entry of 1.1e9 zeros; its bytes are the same every time, so they are built once. */
let zeroRun: ZipEntry | undefined;
function zeros(name: string): ZipEntry {
  zeroRun ??= runEntry(name, 0, ONE_POINT_ONE_GB);
  return { ...zeroRun, name };
}

const entries = (files: ReadonlyMap<string, Uint8Array | string>): ZipEntry[] => [...files].map(([name, content]) => entryOf(name, content));

/** The demo `.qdpx` with project.qde replaced by `edit` of it. */
async function qdpxWith(edit: (qde: string) => string, files?: (f: Map<string, Uint8Array | string>) => void): Promise<Uint8Array> {
  const b = await base();
  const f = new Map<string, Uint8Array | string>(b.qdpxFiles);
  f.set('project.qde', edit(b.qde));
  files?.(f);
  return zipOf(f);
}

/** The first match of `pattern` in `s` replaced by `edit` of it. */
function editFirst(s: string, pattern: RegExp, edit: (match: string) => string): string {
  const m = pattern.exec(s);
  if (!m) throw new Error(`recipe: ${pattern} not found`);
  return s.slice(0, m.index) + edit(m[0]) + s.slice(m.index + m[0].length);
}

/** A DOCTYPE placed after the XML declaration. */
const withDoctype = (xml: string, doctype: string): string => editFirst(xml, /^<\?xml[^>]*\?>/, (decl) => `${decl}${doctype}`);

/** lol1..lolN, each ten of the one before: &lolN; is 10^N times "lol". */
function laughs(root: string, n: number): string {
  const defs = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= n; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<!DOCTYPE ${root} [${defs.join('')}]>`;
}

const projectName = (qde: string, value: string) => editFirst(qde, /<Project [^>]*>/, (tag) => tag.replace(/ name="[^"]*"/, ` name="${value}"`));
const firstDescription = (xml: string, value: string) => editFirst(xml, /<Description>/, (tag) => `${tag}${value}`);
const firstSelection = (qde: string, edit: (tag: string) => string) => editFirst(qde, /<PlainTextSelection [^>]*>/, edit);
const setAttr = (tag: string, name: string, value: string) => tag.replace(new RegExp(` ${name}="[^"]*"`), ` ${name}="${value}"`);

/** The demo `.docx` with word/document.xml edited. */
async function docxWith(edit: (xml: string) => string | null): Promise<Uint8Array> {
  const b = await base();
  const f = new Map<string, Uint8Array | string>(b.docxFiles);
  const edited = edit(text(b.docxFiles.get('word/document.xml')!));
  if (edited === null) f.delete('word/document.xml');
  else f.set('word/document.xml', edited);
  return zipOf(f);
}

const firstRunText = (xml: string, value: string) => editFirst(xml, /<w:t[ >][^>]*>|<w:t>/, (tag) => `${tag}${value}`);

/** Deterministic pseudo-random bytes (xorshift32). */
function pseudoRandom(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

const done = (bytes: Uint8Array, ...groups: (readonly string[])[]): BuiltRecipe => ({ bytes, where: groups });

/** An accepted transcript must keep these words: the text was read, not mangled. */
const keeps =
  (...phrases: string[]) =>
  async (data: ProjectData): Promise<string | null> => {
    const texts = data.texts.map((t) => t.text);
    const lost = phrases.filter((p) => !texts.some((t) => t.includes(p)));
    return lost.length === 0 ? null : `the imported text lacks ${lost.map((p) => JSON.stringify(p)).join(', ')}`;
  };

/** An accepted bundle whose documents[0] had these values must keep them, as data. */
const keepsValues =
  (field: 'variables' | 'speakerMap', expected: Readonly<Record<string, string | null>>) =>
  async (data: ProjectData): Promise<string | null> => {
    const guid = (await base()).project.documents[0].guid;
    const doc = data.documents.find((d) => d.guid === guid);
    if (!doc) return 'documents[0] is gone';
    const record = doc[field] as Readonly<Record<string, unknown>>;
    const wrong = Object.entries(expected).filter(([k, v]) => !Object.hasOwn(record, k) || record[k] !== v);
    return wrong.length === 0 ? null : `documents[0].${field} lost ${wrong.map(([k]) => JSON.stringify(k)).join(', ')}`;
  };

// ---- The recipes, in the table's order. ----

type Extra = Pick<Recipe, 'whenAccepted' | 'reports' | 'mustSay'>;
const bundle = (name: string, recipe: string, expect: Expectation, build: () => Promise<BuiltRecipe>, extra: Extra = {}): Recipe => ({ name, kind: 'bundle', recipe, expect, build, ...extra });
const refi = (name: string, recipe: string, expect: Expectation, build: () => Promise<BuiltRecipe>, extra: Extra = {}): Recipe => ({ name, kind: 'refi', recipe, expect, build, ...extra });

const transcript = (name: string, recipe: string, expect: Expectation, build: () => Promise<BuiltRecipe>, extra: Extra = {}): Recipe => ({ name, kind: 'text', recipe, expect, build, ...extra });

/** A report that says where in a text file: "line 7". */
const AT_LINE = /line \d+/i;

/** How a message may say that an entry's name would reach outside the folder it is read into. */
const UNSAFE = ['unsafe', 'zip-slip', 'zip slip', 'outside the', 'not allowed'];

/** A recipe that edits project.json, and what its refusal must name. */
const projectEdit = (name: string, recipe: string, edit: (p: Json) => void, ...groups: (readonly string[])[]) =>
  bundle(name, recipe, 'refuse', async () => done(await bundleWith({ project: edit }), ...groups));

/** A recipe that edits segments[0] (given its document's length); the refusal names that segment. */
const segmentEdit = (name: string, recipe: string, edit: (segment: Json, length: number) => void) =>
  bundle(name, recipe, 'refuse', async () => {
    const b = await base();
    const segment = b.project.segments[0];
    const length = b.project.documents.find((d: Json) => d.guid === segment.documentGuid).length;
    return done(await bundleWith({ project: (p) => edit(p.segments[0], length) }), ['segments[0]', segment.guid]);
  });

/** Subtitles with garbage, impossible and negative timestamps and NUL bytes (t05). */
const GARBAGE_SRT = [
  '1',
  '00:00:01,000 --> 00:00:04,000',
  'Interviewer: Hoe ging het thuis?',
  '',
  '2',
  '-00:00:05,000 --> 99:99:99,999',
  'Moeder: Slecht.\0\0 De laptop was kapot.',
  '',
  '\0\0garbage\0 zonder tijd',
  '3',
  'abc --> -1',
  'Leerling: Ik miste mijn vrienden.',
  '',
].join('\n');

/** WebVTT with broken cues (t06). */
const GARBAGE_VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 -->',
  '<v Interviewer>Hoe ging het thuis?',
  '',
  'NOTE nooit gesloten',
  '00:00:xx.000 --> 00:00:02.000 align:',
  '<v Moeder>Slecht, de laptop was kapot.',
  '',
  '-->',
  '',
  '00:00:09.000 --> 00:00:03.000',
  '<v>Leeg</v>',
  '<v Leerling>Ik miste mijn vrienden.',
  '',
].join('\n');

/** Subtitles with garbage, reversed and missing timestamps (t05b). */
const GARBAGE_TIMES_SRT = [
  '1',
  '00:00:09,000 --> 00:00:02,000',
  'Interviewer: Hoe ging het thuis?',
  '',
  '2',
  'Moeder: Slecht, er staat geen tijd boven.',
  '',
  '3',
  'xx:yy:zz,www --> 00:00:10,000',
  'Leerling: Ik miste mijn vrienden.',
  '',
  '4',
  '00:00:12,000 --> ',
  'Moeder: Dat klopt.',
  '',
].join('\n');

/** How a refusal may name the first PlainTextSelection: its element, GUID or text. */
const SELECTION = ['PlainTextSelection', '51000000-0000-4000-8000-000000000001', 'Eerst goed'];

/** A recipe that sets attributes of the first PlainTextSelection: refused, or the selection reported and left out. */
const selectionEdit = (name: string, recipe: string, attributes: Readonly<Record<string, string>>) =>
  refi(
    name,
    recipe,
    'either',
    async () => done(await qdpxWith((q) => firstSelection(q, (tag) => Object.entries(attributes).reduce((t, [k, v]) => setAttr(t, k, v), tag))), SELECTION),
    { reports: /selection/i },
  );

const BILLION = laughs('Project', 9);

export const RECIPES: readonly Recipe[] = [
  bundle('b01-empty.markeer', '0-byte file', 'refuse', async () => done(new Uint8Array(0))),
  bundle('b02-pdf.markeer', 'PDF header bytes, .markeer name', 'refuse', async () => done(utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'))),
  bundle('b03-trunc-half.markeer', 'demo full bundle cut at 50%', 'refuse', async () => {
    const b = (await base()).bundle;
    return done(b.slice(0, Math.floor(b.length / 2)));
  }),
  bundle('b04-trunc-100.markeer', 'first 100 bytes of bundle', 'refuse', async () => done((await base()).bundle.slice(0, 100))),
  bundle('b05-no-eocd.markeer', 'last 10 bytes (end of central dir) cut', 'refuse', async () => {
    const b = (await base()).bundle;
    return done(b.slice(0, b.length - 10));
  }),
  bundle('b06-crc-corrupt.markeer', 'two bytes flipped inside project.json deflate data', 'refuse', async () => {
    const b = await base();
    const { bytes, dataOffset } = writeZip(entries(b.files));
    const entry = entryOf('project.json', b.files.get('project.json')!);
    const at = dataOffset.get('project.json')! + Math.floor(entry.data.length / 2);
    const damaged = bytes.slice();
    damaged[at] = damaged[at]! ^ 0xff;
    damaged[at + 1] = damaged[at + 1]! ^ 0xff;
    return done(damaged, ['project.json']);
  }),
  bundle('b07-empty-zip.markeer', 'zip with zero entries', 'refuse', async () => done(writeZip([]).bytes)),
  bundle('b08-no-manifest.markeer', 'zip without manifest.json', 'refuse', async () => done(await bundleWith({ files: (f) => f.delete('manifest.json') }), ['manifest.json'])),
  bundle('b09-no-projectjson.markeer', 'zip without project.json', 'refuse', async () => done(await bundleWith({ files: (f) => f.delete('project.json') }), ['project.json'])),
  bundle('b10-manifest-not-json.markeer', 'manifest.json = "{not json"', 'refuse', async () => done(await bundleWith({ files: (f) => f.set('manifest.json', '{not json') }), ['manifest.json'])),
  bundle('b11-manifest-array.markeer', 'manifest.json = []', 'refuse', async () => done(await bundleWith({ files: (f) => f.set('manifest.json', '[]') }), ['manifest.json'])),
  bundle('b12-project-array.markeer', 'project.json = []', 'refuse', async () => done(await bundleWith({ files: (f) => f.set('project.json', '[]') }), ['project.json'])),
  bundle('b13-wrong-format.markeer', 'manifest.format = "nvivo"', 'refuse', async () => done(await bundleWith({ manifest: (m) => (m.format = 'nvivo') }), ['nvivo', 'format'])),
  bundle('b14-newer-version.markeer', 'manifest.formatVersion = 99', 'refuse', async () => done(await bundleWith({ manifest: (m) => (m.formatVersion = 99) }), ['99', 'formatVersion'])),
  bundle('b15-version-string.markeer', 'manifest.formatVersion = "2"', 'refuse', async () => done(await bundleWith({ manifest: (m) => (m.formatVersion = '2') }), ['formatVersion'])),
  projectEdit('b16-name-number.markeer', 'project.name = 42', (p) => (p.project.name = 42), ['project.json'], ['name']),
  projectEdit('b17-segments-object.markeer', 'project.json segments = {}', (p) => (p.segments = {}), ['segments']),
  projectEdit('b18-codes-missing.markeer', 'project.json without "codes"', (p) => delete p.codes, ['codes']),
  projectEdit('b19-doc-missing-name.markeer', 'documents[0].name deleted', (p) => delete p.documents[0].name, ['documents[0]'], ['name']),
  projectEdit('b20-dup-doc-guid.markeer', 'documents[1].guid = documents[0].guid', (p) => (p.documents[1].guid = p.documents[0].guid), ['documents[1]', 'documents[0]']),
  projectEdit('b21-dup-code-guid.markeer', 'codes[1].guid = codes[0].guid', (p) => (p.codes[1].guid = p.codes[0].guid), ['codes[1]', 'codes[0]']),
  projectEdit('b22-dup-segment-guid.markeer', 'segments[1].guid = segments[0].guid', (p) => (p.segments[1].guid = p.segments[0].guid), ['segments[1]', 'segments[0]']),
  segmentEdit('b23-seg-beyond.markeer', 'segments[0].end = doc length + 500', (s, length) => (s.end = length + 500)),
  segmentEdit('b24-seg-negative.markeer', 'segments[0].start = -5', (s) => (s.start = -5)),
  segmentEdit('b25-seg-reversed.markeer', 'segments[0] start/end swapped', (s) => ([s.start, s.end] = [s.end, s.start])),
  segmentEdit('b26-seg-float.markeer', 'segments[0].start = 1.5', (s) => (s.start = 1.5)),
  segmentEdit('b27-seg-text-mismatch.markeer', 'segments[0].text altered', (s) => (s.text = `${s.text.slice(0, -1)}#`)),
  projectEdit('b28-coding-missing-code.markeer', 'codings[0].codeGuid = random GUID', (p) => (p.codings[0].codeGuid = randomGuid()), ['codings[0]'], ['codeGuid']),
  projectEdit('b29-coding-missing-segment.markeer', 'codings[0].segmentGuid = random GUID', (p) => (p.codings[0].segmentGuid = randomGuid()), ['codings[0]'], ['segmentGuid']),
  projectEdit(
    'b30-code-cycle.markeer',
    'codes[0].parent=codes[1], codes[1].parent=codes[0]',
    (p) => {
      p.codes[0].parentGuid = p.codes[1].guid;
      p.codes[1].parentGuid = p.codes[0].guid;
    },
    ['codes[0]', 'codes[1]'],
  ),
  bundle('b31-text-missing.markeer', 'texts/<doc0>.txt entry removed', 'refuse', async () => {
    const { doc, path } = await firstDocument();
    return done(await bundleWith({ files: (f) => f.delete(path) }), [path, doc.name]);
  }),
  bundle('b32-checksum.markeer', 'text changed, sha256 not updated', 'refuse', async () => {
    const { doc, path, bytes } = await firstDocument();
    const changed = bytes.slice();
    changed[0] = changed[0] === 0x58 ? 0x59 : 0x58;
    return done(await bundleWith({ files: (f) => f.set(path, changed) }), [path, doc.name]);
  }),
  bundle('b33-bad-utf8-text.markeer', 'text = invalid UTF-8 bytes, sha256 + length made consistent', 'refuse', async () => {
    const { doc, path } = await firstDocument();
    const bad = concat([utf8('Interviewer: Hoe ging het?\nOuder: '), new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x41, 0x80])]);
    const sum = sha256(bad);
    const built = await bundleWith({
      manifest: (m) => (m.documents.find((d: Json) => d.guid === doc.guid).sha256 = sum),
      project: (p) => Object.assign(p.documents[0], { sha256: sum, length: bad.length }),
      files: (f) => f.set(path, bad),
    });
    return done(built, [path, doc.name]);
  }),
  bundle('b34-zip-slip.markeer', 'extra entries "../../tmp/x/zipslip-pwned.txt", "/tmp/x/zipslip-abs.txt"; manifest doc path "../../../etc/passwd"', 'refuse', async () => {
    const { doc } = await firstDocument();
    const built = await bundleWith({
      manifest: (m) => (m.documents.find((d: Json) => d.guid === doc.guid).path = '../../../etc/passwd'),
      files: (f) => {
        f.set('../../tmp/x/zipslip-pwned.txt', 'pwned');
        f.set('/tmp/x/zipslip-abs.txt', 'pwned');
      },
    });
    return done(built, ['../../../etc/passwd', '../../tmp/x/zipslip-pwned.txt', '/tmp/x/zipslip-abs.txt']);
  }, { mustSay: UNSAFE }),
  bundle('b35-zip-slip-consistent.markeer', 'doc0 text stored at entry "../../x.txt" with manifest path "../../x.txt" (checksums valid)', 'refuse', async () => {
    const { doc, path, bytes } = await firstDocument();
    const built = await bundleWith({
      manifest: (m) => (m.documents.find((d: Json) => d.guid === doc.guid).path = '../../x.txt'),
      files: (f) => {
        f.delete(path);
        f.set('../../x.txt', bytes);
      },
    });
    return done(built, ['../../x.txt']);
  }, { mustSay: UNSAFE }),
  projectEdit('b36-owner-missing.markeer', 'project.ownerCoderGuid = random', (p) => (p.project.ownerCoderGuid = randomGuid()), ['ownerCoderGuid']),
  bundle('b37-memo-bad-target.markeer', 'memo with targetKind "segment" and unknown targetGuid', 'refuse', async () => {
    const b = await base();
    const index = b.project.memos.length;
    const built = await bundleWith({ project: (p) => p.memos.push({ ...p.memos[0], guid: randomGuid(), targetKind: 'segment', targetGuid: randomGuid(), text: 'Zwevende memo' }) });
    return done(built, [`memos[${index}]`], ['targetGuid']);
  }),
  bundle('b38-proto-keys.markeer', 'documents[0].variables = {"__proto__":{"polluted":"yes"}}, speakerMap {"constructor":null}', 'either', async () => {
    const built = await bundleWith({
      project: (p) => {
        p.documents[0].variables = JSON.parse('{"__proto__":{"polluted":"yes"}}');
        p.documents[0].speakerMap = JSON.parse('{"constructor":null}');
      },
    });
    return done(built, ['documents[0]'], ['variables', 'speakerMap', '__proto__']);
  }),
  bundle('b39-deep-json.markeer', 'unknown field codes[0].x nested 200000 arrays deep', 'refuse', async () => {
    const b = await base();
    const project = copy(b.project);
    project.codes[0].x = 'DEEP';
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const json = JSON.stringify(project).replace('"x":"DEEP"', `"x":${deep}`);
    const files = new Map<string, Uint8Array | string>(b.files);
    files.set('project.json', json);
    return done(zipOf(files), ['codes[0]', 'project.json']);
  }),
  projectEdit('b40-doc-length-wrong.markeer', 'documents[0].length = 5', (p) => (p.documents[0].length = 5), ['documents[0]'], ['length']),
  segmentEdit('b41-string-offsets.markeer', 'segments[0].start = "10"', (s) => (s.start = '10')),
  projectEdit('b42-null-project.markeer', 'project.json project = null', (p) => (p.project = null), ['project.json']),
  bundle('b43-zip-bomb.markeer', 'bundle + first entry aaa-padding.bin: 1069157 B deflate -> 1.1e9 B zeros', 'either', async () => {
    const b = await base();
    return done(writeZip([zeros('aaa-padding.bin'), ...entries(b.files)]).bytes, ['aaa-padding.bin']);
  }),
  refi('q01-zip-bomb.qdpx', 'demo .qdpx + sources/bomb.txt 1069157 B -> 1.1e9 B', 'either', async () => {
    const b = await base();
    return done(writeZip([...entries(b.qdpxFiles), zeros('sources/bomb.txt')]).bytes, ['bomb.txt']);
  }),
  bundle('b44-zip-bomb-4x.markeer', 'bundle + 4 entries of 1.1e9 B zeros (4276628 B compressed)', 'either', async () => {
    const b = await base();
    const bombs = [1, 2, 3, 4].map((i) => zeros(`aaa-padding-${i}.bin`));
    return done(writeZip([...bombs, ...entries(b.files)]).bytes, ['aaa-padding-']);
  }),
  transcript('t01-200mb.txt', '200000034 B ASCII transcript lines', 'refuse', async () => {
    const lines = 'Interviewer: Hoe ging het thuis?\nLeerling: Goed, maar ik miste mijn vrienden op school.\n';
    const bytes = Buffer.alloc(200_000_034, lines, 'latin1');
    // The last line ends with a letter, not cut in the middle of white space.
    bytes[bytes.length - 1] = 0x2e;
    return done(bytes);
  }),
  refi('q02-billion-laughs.qdpx', 'project.qde with DOCTYPE lol1..lol9 (10^9 x "lol"), &lol9; in Project name and first Description', 'refuse', async () =>
    done(await qdpxWith((qde) => firstDescription(projectName(withDoctype(qde, BILLION), '&lol9;'), '&lol9;')), ['project.qde']),
  ),
  refi('q03-laughs-small.qdpx', 'DOCTYPE with lol1..lol4 (10^4 x lol = 30 kB) in a Description', 'refuse', async () =>
    done(await qdpxWith((qde) => firstDescription(withDoctype(qde, laughs('Project', 4)), '&lol4;')), ['project.qde']),
  ),
  refi('q04-xxe.qdpx', 'DOCTYPE <!ENTITY xxe SYSTEM "file:///etc/passwd">, &xxe; in first Description and Project name', 'refuse', async () =>
    done(await qdpxWith((qde) => firstDescription(projectName(withDoctype(qde, '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), '&xxe;'), '&xxe;')), ['project.qde']),
  ),
  refi('q05-xxe-param.qdpx', 'parameter entity <!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;', 'refuse', async () =>
    done(await qdpxWith((qde) => withDoctype(qde, '<!DOCTYPE Project [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>')), ['project.qde']),
  ),
  refi('q06-no-qde.qdpx', 'zip with sources/ only', 'refuse', async () => done(await qdpxWith((q) => q, (f) => f.delete('project.qde')))),
  refi('q07-two-qde.qdpx', 'two .qde files at the root', 'refuse', async () => {
    const b = await base();
    return done(await qdpxWith((q) => q, (f) => f.set('second.qde', b.qde)));
  }),
  refi('q08-not-xml.qdpx', 'project.qde = "<Project><Users>" (unclosed)', 'refuse', async () => done(await qdpxWith(() => '<Project><Users>'), ['project.qde'])),
  selectionEdit('q09-sel-beyond.qdpx', 'first PlainTextSelection endPosition=999999', { endPosition: '999999' }),
  selectionEdit('q10-sel-negative.qdpx', 'first PlainTextSelection startPosition=-50', { startPosition: '-50' }),
  selectionEdit('q11-sel-reversed.qdpx', 'first PlainTextSelection start=900 end=10', { startPosition: '900', endPosition: '10' }),
  refi('q12-coderef-missing.qdpx', 'every CodeRef targetGUID -> random GUID', 'either', async () =>
    done(await qdpxWith((q) => q.replace(/<CodeRef targetGUID="[^"]*"/g, () => `<CodeRef targetGUID="${randomGuid()}"`)), ['CodeRef', 'code']),
    { reports: /code/i },
  ),
  refi('q13-dup-guid.qdpx', 'second Code gets guid of first Code; a TextSource gets guid of another', 'either', async () => {
    const build = (qde: string) => {
      const codes = [...qde.matchAll(/<Code guid="([^"]*)"/g)].map((m) => m[1]!);
      const sources = [...qde.matchAll(/<TextSource guid="([^"]*)"/g)].map((m) => m[1]!);
      let out = qde.replace(`<Code guid="${codes[1]}"`, `<Code guid="${codes[0]}"`);
      out = out.replace(`<TextSource guid="${sources[1]}"`, `<TextSource guid="${sources[0]}"`);
      return out;
    };
    return done(await qdpxWith(build), ['guid']);
  }, { reports: /GUID/ }),
  refi('q14-zip-slip.qdpx', 'sources renamed "../../../tmp/x/qslip.txt"; plainTextPath="internal://../../../../etc/passwd" and "file:///etc/passwd"', 'either', async () => {
    const b = await base();
    const sources = [...b.qde.matchAll(/<TextSource [^>]*plainTextPath="internal:\/\/([^"]*)"/g)].map((m) => m[1]!);
    const edit = (qde: string) => {
      let out = qde.replace(`plainTextPath="internal://${sources[0]}"`, 'plainTextPath="internal://../../../../etc/passwd"');
      out = out.replace(`plainTextPath="internal://${sources[1]}"`, 'plainTextPath="file:///etc/passwd"');
      return out;
    };
    const built = await qdpxWith(edit, (f) => {
      for (const name of [...f.keys()].filter((n) => n.startsWith('sources/'))) {
        const bytes = f.get(name)!;
        f.delete(name);
        if (name.endsWith(`${sources[0]}`)) f.set('../../../tmp/x/qslip.txt', bytes);
        else f.set(name, bytes);
      }
    });
    return done(built, ['../', 'passwd', 'qslip']);
  }, { mustSay: UNSAFE }),
  refi('q15-missing-source.qdpx', 'all sources/ removed', 'either', async () => {
    const built = await qdpxWith(
      (q) => q,
      (f) => {
        for (const name of [...f.keys()]) if (name.startsWith('sources/')) f.delete(name);
      },
    );
    return done(built, ['sources/', 'Interview ouder 1', 'd1000000']);
  }, { reports: /Interview ouder 1|Interview leerling/ }),
  refi('q16-wrong-root.qdpx', 'root element <Foo>', 'refuse', async () => done(await qdpxWith((q) => q.replace('<Project ', '<Foo ').replace(/<\/Project>\s*$/, '</Foo>')), ['Foo'])),
  refi('q17-deep-codes.qdpx', 'CodeBook with 100000 nested <Code> elements', 'either', async () => {
    const depth = 100_000;
    const hex = (i: number) => i.toString(16).padStart(12, '0');
    let open = '';
    for (let i = 0; i < depth; i++) open += `<Code guid="c0de0000-0000-4000-8000-${hex(i)}" name="c${i}" isCodable="true">`;
    const nested = `<Codes>${open}${'</Code>'.repeat(depth)}</Codes>`;
    return done(await qdpxWith((q) => editFirst(q, /<Codes>[\s\S]*<\/Codes>/, () => nested)), ['Code']);
  }),
  refi('q18-trunc.qdpx', 'demo .qdpx cut at 50%', 'refuse', async () => {
    const q = (await base()).qdpx;
    return done(q.slice(0, Math.floor(q.length / 2)));
  }),
  refi('q19-laughs.qdc', 'codebook with billion-laughs entity in a Code name', 'refuse', async () => {
    const qdc = (await base()).qdc;
    return done(utf8(editFirst(withDoctype(qdc, laughs('CodeBook', 9)), /<Code [^>]*>/, (tag) => setAttr(tag, 'name', '&lol9;'))));
  }),
  refi('q20-xxe.qde', 'bare .qde, XXE in Project name', 'refuse', async () => {
    const qde = (await base()).qde;
    return done(utf8(projectName(withDoctype(qde, '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), '&xxe;')));
  }),
  refi('q21-empty.qdc', '0-byte .qdc', 'refuse', async () => done(new Uint8Array(0))),
  refi('q22-utf16-garbage.qdc', 'UTF-16LE BOM + lone surrogate', 'refuse', async () => done(new Uint8Array([0xff, 0xfe, 0x00, 0xd8]))),
  selectionEdit('q23-sel-nan.qdpx', 'startPosition="abc" endPosition="1e400"', { startPosition: 'abc', endPosition: '1e400' }),
  transcript('t02-notdocx.docx', 'plain text with .docx name', 'refuse', async () => done(utf8((await base()).transcript))),
  transcript('t03-zip-not-docx.docx', 'zip without word/document.xml', 'refuse', async () => done(await docxWith(() => null))),
  transcript('t04-docx-laughs.docx', 'docx whose word/document.xml has billion-laughs DOCTYPE', 'refuse', async () => done(await docxWith((xml) => withDoctype(xml, laughs('w:document', 9))))),
  transcript('t05-garbage.srt', 'srt with garbage/negative timestamps + NULs', 'either', async () => done(utf8(GARBAGE_SRT)), {
    reports: AT_LINE,
    whenAccepted: keeps('Hoe ging het thuis?'),
  }),
  transcript('t06-garbage.vtt', 'vtt with broken cues', 'either', async () => done(utf8(GARBAGE_VTT)), { reports: AT_LINE }),
  transcript(
    't07-bad-utf8.txt',
    'txt with invalid UTF-8 sequences',
    'either',
    async () => {
      // A UTF-8 transcript (accents, an emoji) with two damaged sequences: a stray byte and a cut-off character.
      const head = utf8(`Interview over coördinatie\nInterviewer: Hoe verliep de coördinatie met de zorgcoördinator?\nMoeder: Goed, maar `);
      const middle = utf8(' de laptop was kapot, en ');
      const tail = utf8(`.\n\n${(await base()).transcript}`);
      return done(concat([head, new Uint8Array([0xff]), middle, new Uint8Array([0xe2, 0x82]), tail]));
    },
    { reports: AT_LINE, whenAccepted: keeps('coördinatie', 'de laptop was kapot', 'Ik schrok me kapot') },
  ),
  transcript('t08-binary.txt', '64 KB pseudo-random binary incl. NUL, .txt name', 'refuse', async () => {
    const bytes = pseudoRandom(65_536);
    bytes[100] = 0;
    bytes[1000] = 0;
    return done(bytes);
  }),
  transcript('t09-empty.txt', '0-byte .txt', 'refuse', async () => done(new Uint8Array(0))),
  transcript('t10-utf16-nobom.txt', 'UTF-16LE without BOM', 'either', async () => done(utf16le((await base()).transcript)), {
    whenAccepted: keeps('Interviewer: Hoe ging het thuisleren'),
  }),
  transcript(
    't11-srt-huge-index.srt',
    'srt with 20-digit cue number',
    'either',
    async () => done(utf8(['12345678901234567890', '00:00:01,000 --> 00:00:04,000', 'Interviewer: Hoe ging het thuis?', '', '12345678901234567891', '00:00:04,000 --> 00:00:08,000', 'Moeder: Slecht.', ''].join('\n'))),
    { whenAccepted: keeps('Hoe ging het thuis?') },
  ),
  bundle('b38b-proto-strings.markeer', 'documents[0].variables gets "__proto__":"polluted","constructor":"c","toString":"t"; speakerMap {"__proto__":"x","constructor":null}', 'either', async () => {
    const built = await bundleWith({
      project: (p) => {
        const variables = JSON.parse('{"__proto__":"polluted","constructor":"c","toString":"t"}');
        for (const [k, v] of Object.entries(p.documents[0].variables)) variables[k] = v;
        p.documents[0].variables = variables;
        p.documents[0].speakerMap = JSON.parse('{"__proto__":"x","constructor":null}');
      },
    });
    return done(built, ['documents[0]'], ['variables', 'speakerMap', '__proto__', 'constructor', 'toString']);
  }, {
    whenAccepted: async (data) =>
      (await keepsValues('variables', JSON.parse('{"__proto__":"polluted","constructor":"c","toString":"t"}'))(data)) ??
      (await keepsValues('speakerMap', JSON.parse('{"__proto__":"x","constructor":null}'))(data)),
  }),
  transcript('t04b-docx-laughs.docx', 'docx whose word/document.xml defines lol1..lol9 and uses &lol9; (10^9 expansions)', 'refuse', async () =>
    done(await docxWith((xml) => firstRunText(withDoctype(xml, laughs('w:document', 9)), '&lol9;'))),
  ),
  transcript('t04c-docx-xxe.docx', 'docx with external entity file:///etc/passwd in w:t', 'refuse', async () =>
    done(await docxWith((xml) => firstRunText(withDoctype(xml, '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), '&xxe;'))),
  ),
  transcript('t05b-garbage-ts.srt', 'srt with garbage, reversed and missing timestamps (no NULs)', 'either', async () => done(utf8(GARBAGE_TIMES_SRT)), {
    reports: AT_LINE,
    whenAccepted: keeps('Hoe ging het thuis?'),
  }),
  transcript(
    't12-vtt-no-header.vtt',
    'vtt without WEBVTT header',
    'either',
    async () => done(utf8(['00:00:01.000 --> 00:00:04.000', '<v Interviewer>Hoe ging het thuis?', '', '00:00:04.000 --> 00:00:08.000', '<v Moeder>Slecht, de laptop was kapot.', ''].join('\n'))),
    { whenAccepted: keeps('Hoe ging het thuis?') },
  ),
  bundle('b45-200mb-text.markeer', 'valid bundle (own serializer) whose first document text is 200,000,000 chars', 'refuse', async () => {
    const b = await base();
    const { doc, path, bytes } = await firstDocument();
    // The demo text, then "a" up to 200,000,000 UTF-16 code units: its segments stay valid.
    const chars = 200_000_000;
    const entry = runEntry(path, 0x61, chars - doc.length, bytes);
    const hash = createHash('sha256').update(bytes);
    const run = Buffer.alloc(8 << 20, 0x61);
    let left = chars - doc.length;
    for (; left >= run.length; left -= run.length) hash.update(run);
    hash.update(run.subarray(0, left));
    const sum = hash.digest('hex');
    const manifest = copy(b.manifest);
    manifest.documents.find((d: Json) => d.guid === doc.guid).sha256 = sum;
    const project = copy(b.project);
    Object.assign(project.documents[0], { sha256: sum, length: chars });
    const files = new Map<string, Uint8Array | string>(b.files);
    files.set('manifest.json', JSON.stringify(manifest, null, 2));
    files.set('project.json', JSON.stringify(project));
    files.delete(path);
    return done(writeZip([...entries(files), entry]).bytes, [path, doc.name]);
  }),
];
