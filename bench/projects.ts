/**
 * Workloads as Markeer projects: W1 and W2 (gen-w1.mjs, gen-w2.mjs) turned into ProjectData, and
 * ProjectData into `.markeer` bundles with the app's own serializeBundle, plus the plain records
 * for writing straight into IndexedDB (the raw bulkPut comparison).
 *
 * Every GUID and timestamp is derived from a seed, so the same workload always gives the same
 * project (same GUIDs, same records); only the bundle's zip bytes depend on JSZip.
 *
 *   npx tsx bench/projects.ts [--quick] [--workload w1.json] [--out DIR]   write the bundles
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Code, Coder, Coding, DocumentRecord, DocumentText, Guid, Project, Segment } from '../src/domain/model';
import type { ProjectData } from '../src/domain/project-data';
import { codesFromTemplate } from '../src/domain/templates';
import { normalizeText } from '../src/domain/text';
import { detectTurns } from '../src/domain/turns';
import { serializeBundle } from '../src/io/bundle/serialize';
import { MarkeerDb } from '../src/storage/db';
import { generateScaledW1, loadW1, mulberry32, type W1Workload } from './gen-w1.mjs';
import { generateW2, type W2Workload } from './gen-w2.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const BASE_TIME = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (seconds: number): string => new Date(BASE_TIME + seconds * 1000).toISOString();
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Version 4 GUIDs from a seeded PRNG: deterministic, and valid for the app's isGuid(). */
export function guidFactory(seed: number): () => Guid {
  const rng = mulberry32(seed);
  return () => {
    const b = Array.from({ length: 16 }, () => Math.floor(rng.next() * 256));
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

function documentText(projectGuid: Guid, documentGuid: Guid, text: string): DocumentText {
  if (normalizeText(text) !== text) throw new Error('workload text is not in normalised form');
  return { documentGuid, projectGuid, text, turns: detectTurns(text) };
}

export interface W1Names {
  readonly project: Guid;
  readonly document: Guid;
  readonly coder: Guid;
}

/**
 * W1 as a project: one coder, one document, one top-level code per category (the workload's
 * colours; the first nine get keys 1-9), one segment with one coding per range. With
 * `codings: false` the baseline: the same text and codes, nothing coded.
 */
export function w1ProjectData(w: W1Workload, opts: { codings: boolean; name: string; seed: number }): ProjectData {
  const guid = guidFactory(opts.seed);
  const projectGuid = guid();
  const coder: Coder = { guid: guid(), projectGuid, name: 'Bench coder', color: '#1d4e89' };
  const project: Project = { guid: projectGuid, name: opts.name, createdAt: at(0), updatedAt: at(0), ownerCoderGuid: coder.guid, template: null };
  const doc: DocumentRecord = {
    guid: guid(),
    projectGuid,
    name: 'W1 interview',
    length: w.text.length,
    sha256: sha256(w.text),
    createdAt: at(1),
    updatedAt: at(1),
    variables: {},
    speakerMap: {},
    order: 0,
    source: 'w1.txt',
  };
  const codes: Code[] = w.categories.map((c, i) => ({
    guid: guid(),
    projectGuid,
    parentGuid: null,
    name: c.name,
    color: c.color,
    definition: '',
    order: i,
    shortcut: i < 9 ? i + 1 : null,
  }));
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  if (opts.codings) {
    w.ranges.forEach((r, i) => {
      const segment: Segment = {
        guid: guid(),
        projectGuid,
        documentGuid: doc.guid,
        coderGuid: coder.guid,
        start: r.start,
        end: r.end,
        text: w.text.slice(r.start, r.end),
        comment: '',
        createdAt: at(10 + i),
      };
      segments.push(segment);
      const code = codes[r.cat];
      if (!code) throw new Error(`range ${r.id}: no category ${r.cat}`);
      codings.push({ guid: guid(), projectGuid, segmentGuid: segment.guid, documentGuid: doc.guid, codeGuid: code.guid, coderGuid: coder.guid, createdAt: at(10 + i) });
    });
  }
  return { project, coders: [coder], documents: [doc], texts: [documentText(projectGuid, doc.guid, w.text)], codes, segments, codings, variables: [], groups: [], memos: [], themes: [], attempts: [] };
}

/** W2 as a project: the template's codebook, three coders, the first one working in this browser. */
export function w2ProjectData(w: W2Workload, opts: { name: string; seed: number }): ProjectData {
  const guid = guidFactory(opts.seed);
  const projectGuid = guid();
  const coders: Coder[] = w.coders.map((c) => ({ guid: guid(), projectGuid, name: c.name, color: c.color }));
  const owner = coders[0];
  if (!owner) throw new Error('W2 has no coders');
  const project: Project = { guid: projectGuid, name: opts.name, createdAt: at(0), updatedAt: at(0), ownerCoderGuid: owner.guid, template: w.template };
  const codes = codesFromTemplate(w.template, 'nl', projectGuid);
  const byTemplateGuid = new Map(codes.map((c) => [c.guid, c]));
  const leaves = w.codes.map((l) => {
    const code = byTemplateGuid.get(l.guid);
    if (!code) throw new Error(`leaf ${l.slug} is not in the template`);
    return code;
  });
  // keys 1-9 on the first nine leaves, as a coder would set them up
  const keyed = new Map(leaves.slice(0, 9).map((c, i) => [c.guid, i + 1]));
  const projectCodes = codes.map((c) => ({ ...c, shortcut: keyed.get(c.guid) ?? null }));
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  w.documents.forEach((d, i) => {
    const record: DocumentRecord = {
      guid: guid(),
      projectGuid,
      name: d.name,
      length: d.text.length,
      sha256: d.textSha256,
      createdAt: at(1 + i),
      updatedAt: at(1 + i),
      variables: d.variables,
      speakerMap: {},
      order: i,
      source: `${d.id}.txt`,
    };
    documents.push(record);
    texts.push(documentText(projectGuid, record.guid, d.text));
  });
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  w.segments.forEach((s, i) => {
    const doc = documents[s.doc];
    const text = w.documents[s.doc]?.text;
    const coder = coders[s.coder];
    if (!doc || text === undefined || !coder) throw new Error(`segment ${i}: unknown document or coder`);
    const segment: Segment = {
      guid: guid(),
      projectGuid,
      documentGuid: doc.guid,
      coderGuid: coder.guid,
      start: s.start,
      end: s.end,
      text: text.slice(s.start, s.end),
      comment: i % 40 === 0 ? 'Mooi voorbeeld; bespreken in het team.' : '',
      createdAt: at(1000 + i),
    };
    segments.push(segment);
    for (const c of s.codes) {
      const code = leaves[c];
      if (!code) throw new Error(`segment ${i}: no leaf ${c}`);
      codings.push({ guid: guid(), projectGuid, segmentGuid: segment.guid, documentGuid: doc.guid, codeGuid: code.guid, coderGuid: coder.guid, createdAt: at(1000 + i) });
    }
  });
  return { project, coders, documents, texts, codes: projectCodes, segments, codings, variables: [], groups: [], memos: [], themes: [], attempts: [] };
}

/** The app's current database schema (stores of the highest version), read from src/storage/db.ts. */
export function appSchema(): { version: number; stores: Record<string, string> } {
  const db = new MarkeerDb('bench-schema-probe');
  const stores = Object.fromEntries(db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]));
  return { version: db.verno, stores };
}

/** ProjectData as rows per database table (the tables the app's MarkeerDb defines). */
export function tableRows(data: ProjectData): Record<string, readonly unknown[]> {
  return {
    projects: [data.project],
    coders: data.coders,
    documents: data.documents,
    documentTexts: data.texts,
    codes: data.codes,
    segments: data.segments,
    codings: data.codings,
    variables: data.variables,
    groups: data.groups,
    memos: data.memos,
  };
}

export interface BenchProject {
  readonly name: string;
  readonly projectGuid: Guid;
  readonly documentGuids: readonly Guid[];
  readonly segments: number;
  readonly codings: number;
  /** Coders with at least one segment. */
  readonly coders: number;
  /** Segments and codings of the first document (what opening it paints). */
  readonly firstDocument: { readonly guid: Guid; readonly segments: number; readonly codings: number };
  /**
   * The document in the middle of the list (W2, W3: opened and coded by measure-w3.ts), with its
   * text and the ranges of every segment in it; absent for W1.
   */
  readonly probe?: ProbeDocument;
  /** The bundle file. */
  readonly bundle: string;
  readonly bundleBytes: number;
  /** JSON {tables: {name: rows}} of the same records, for the raw IndexedDB write. */
  readonly records: string;
}

export interface ProbeDocument {
  readonly index: number;
  readonly guid: Guid;
  readonly segments: number;
  readonly codings: number;
  readonly text: string;
  readonly ranges: readonly { readonly start: number; readonly end: number }[];
}

export interface BenchProjects {
  readonly w1: BenchProject;
  readonly w1Baseline: BenchProject;
  readonly w2: BenchProject;
  readonly w1Workload: W1Workload;
  /** Whether W1 is the canonical one of ../shared/bench (same textSha256 and JSON). */
  readonly w1Canonical: boolean;
  readonly schema: { version: number; stores: Record<string, string> };
  readonly ms: number;
}

/**
 * `JSON.stringify({ tables })` written to `path` a few thousand rows at a time (the same bytes),
 * so that W3's records (about 10 x W2's 38 MB) never have to be one string.
 */
export function writeRecordsJson(path: string, tables: Record<string, readonly unknown[]>): void {
  const fd = openSync(path, 'w');
  try {
    const names = Object.keys(tables);
    writeSync(fd, '{"tables":{');
    names.forEach((name, t) => {
      writeSync(fd, `${t ? ',' : ''}${JSON.stringify(name)}:[`);
      const rows = tables[name] ?? [];
      for (let i = 0; i < rows.length; i += 2000) {
        const part = rows.slice(i, i + 2000).map((r) => JSON.stringify(r) ?? 'null');
        writeSync(fd, `${i ? ',' : ''}${part.join(',')}`);
      }
      writeSync(fd, ']');
    });
    writeSync(fd, '}}');
  } finally {
    closeSync(fd);
  }
}

function probeDocument(data: ProjectData, index: number): ProbeDocument {
  const doc = data.documents[index];
  const text = data.texts.find((x) => x.documentGuid === doc?.guid)?.text;
  if (!doc || text === undefined) throw new Error(`no document ${index}`);
  const segments = data.segments.filter((s) => s.documentGuid === doc.guid);
  return {
    index,
    guid: doc.guid,
    segments: segments.length,
    codings: data.codings.filter((c) => c.documentGuid === doc.guid).length,
    text,
    ranges: segments.map((s) => ({ start: s.start, end: s.end })),
  };
}

async function writeProject(data: ProjectData, dir: string, file: string, appVersion: string, opts: { probe?: boolean } = {}): Promise<BenchProject> {
  const owner = data.coders.find((c) => c.guid === data.project.ownerCoderGuid);
  if (!owner) throw new Error('project without its owner coder');
  const bytes = await serializeBundle(data, { kind: 'full', appVersion, exportedBy: { guid: owner.guid, name: owner.name }, exportedAt: at(0) });
  const bundle = join(dir, `${file}.markeer`);
  writeFileSync(bundle, bytes);
  const records = join(dir, `${file}.records.json`);
  writeRecordsJson(records, tableRows(data));
  const first = data.documents[0];
  if (!first) throw new Error('project without documents');
  return {
    name: data.project.name,
    projectGuid: data.project.guid,
    documentGuids: data.documents.map((d) => d.guid),
    segments: data.segments.length,
    codings: data.codings.length,
    coders: new Set(data.segments.map((s) => s.coderGuid)).size,
    firstDocument: {
      guid: first.guid,
      segments: data.segments.filter((s) => s.documentGuid === first.guid).length,
      codings: data.codings.filter((c) => c.documentGuid === first.guid).length,
    },
    ...(opts.probe ? { probe: probeDocument(data, Math.floor(data.documents.length / 2)) } : {}),
    bundle,
    bundleBytes: bytes.length,
    records,
  };
}

/**
 * Generates the workloads and writes, into `dir`: w1, w1-baseline and w2 as `.markeer` bundles and
 * as `.records.json`. Quick: W1 at 1/10 and W2 with 6 documents (same density).
 */
export async function makeBenchProjects(opts: { dir: string; quick: boolean; w1File?: string }): Promise<BenchProjects> {
  const t0 = performance.now();
  mkdirSync(opts.dir, { recursive: true });
  const appVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let w1: W1Workload;
  let w1Canonical = false;
  if (opts.w1File) {
    const loaded = loadW1(opts.w1File);
    w1 = loaded.workload;
    w1Canonical = loaded.canonical;
  } else {
    w1 = generateScaledW1(opts.quick ? 0.1 : 1);
    w1Canonical = !opts.quick;
  }
  const w2 = generateW2(opts.quick ? { documents: 6 } : {});
  const w1Data = w1ProjectData(w1, { codings: true, name: 'Bench W1', seed: 0x6d6b0001 });
  const baseData = w1ProjectData(w1, { codings: false, name: 'Bench W1 zonder coderingen', seed: 0x6d6b0002 });
  const w2Data = w2ProjectData(w2, { name: 'Bench W2', seed: 0x6d6b0003 });
  return {
    w1: await writeProject(w1Data, opts.dir, 'w1', appVersion),
    w1Baseline: await writeProject(baseData, opts.dir, 'w1-baseline', appVersion),
    w2: await writeProject(w2Data, opts.dir, 'w2', appVersion, { probe: true }),
    w1Workload: w1,
    w1Canonical,
    schema: appSchema(),
    ms: performance.now() - t0,
  };
}

/** W3 sizes: W2 ten times over (1,200 documents), or 24 documents for the quick run. */
export const W3_DOCUMENTS = { full: 1200, quick: 24 } as const;

/**
 * W3: W2's generator with `documents` transcripts (same density: 100 segments per coder per
 * document), as the project "Bench W3" in `dir`/w3.markeer and w3.records.json.
 */
export async function makeW3Project(opts: { dir: string; documents: number }): Promise<{ project: BenchProject; characters: number; ms: number }> {
  const t0 = performance.now();
  mkdirSync(opts.dir, { recursive: true });
  const appVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const w3 = generateW2({ documents: opts.documents });
  const characters = w3.documents.reduce((n, d) => n + d.text.length, 0);
  const data = w2ProjectData(w3, { name: 'Bench W3', seed: 0x6d6b0004 });
  const project = await writeProject(data, opts.dir, 'w3', appVersion, { probe: true });
  return { project, characters, ms: performance.now() - t0 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = resolve(value('--out') ?? join(ROOT, 'node_modules', '.cache', 'markeer-bench', 'projects'));
  const w1File = value('--workload');
  const p = await makeBenchProjects({ dir, quick: args.includes('--quick'), ...(w1File ? { w1File } : {}) });
  const { w1Workload: _w, ...rest } = p;
  console.log(JSON.stringify(rest, (k, x: unknown) => (k === 'text' || k === 'ranges' ? undefined : x), 2));
}
