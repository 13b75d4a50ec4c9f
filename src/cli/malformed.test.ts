// @vitest-environment node
/**
 * Issue 13's malformed-file set (src/io/malformed/test-recipes.ts, one recipe per kind of
 * malformed-recipes.md) against every way a file comes in: the command line (`validate FILE` for
 * bundles and REFI-QDA files, `new OUT FILE` for transcripts) and the app's own commands on
 * IndexedDB (fake-indexeddb), each with a project already there: import of a bundle or a REFI-QDA
 * file, import of a transcript, and merge into that project.
 *
 * For each file: the command line exits 0 (accepted and sound) or 1 (a clean refusal whose message
 * names the file and, where the recipe damages one, the entry or field), never with a crash status
 * or a stack trace; a refusal in the app leaves the database byte for byte as it was; an acceptance
 * leaves data the bundle validator accepts when exported, and the project that was there untouched;
 * nothing takes more than 20 s or grows the process by more than 1 GB.
 * MARKEER_MALFORMED_REPORT=<file> writes the per-recipe results there as JSON.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { exportBundle, importBundle } from '../commands/bundles';
import { addDocuments } from '../commands/documents';
import { acceptedNameMatches, isRefiFile, mergeBundles, parsedData, prepareMerge } from '../commands/merge';
import { importRefiProject } from '../commands/refi';
import { codedProject } from '../commands/test-builders';
import type { Guid } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { parseBundle } from '../io/bundle';
import { importFile } from '../io/import';
import { RECIPES, type BuiltRecipe, type Recipe } from '../io/malformed/test-recipes';
import type { MarkeerDb } from '../storage/db';
import { run } from './main';

const LIMIT_MS = 20_000;
const LIMIT_BYTES = 1024 ** 3;

const dir = mkdtempSync(join(tmpdir(), 'markeer-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---- Measuring. ----

/**
 * The process's resident size, sampled every 5 ms by a thread of its own, so that a peak inside
 * synchronous work (inflating a whole entry in one call) is seen too. [0]: the peak in MiB since
 * the last reset; [1]: set to stop.
 */
const sampled = new Int32Array(new SharedArrayBuffer(8));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
  const a = new Int32Array(workerData);
  while (Atomics.load(a, 1) === 0) {
    const mib = Math.ceil(process.memoryUsage.rss() / 1048576);
    if (mib > Atomics.load(a, 0)) Atomics.store(a, 0, mib);
    Atomics.wait(a, 1, 0, 5);
  }`,
  { eval: true, workerData: sampled.buffer },
);
sampler.unref();
afterAll(async () => {
  Atomics.store(sampled, 1, 1);
  Atomics.notify(sampled, 1);
  await sampler.terminate();
});

/** Starts measuring; the function returned gives the peak growth of the process in bytes since. */
function memoryProbe(): () => number {
  const start = process.memoryUsage.rss();
  Atomics.store(sampled, 0, Math.floor(start / 1024 ** 2));
  return () => Math.max(Atomics.load(sampled, 0) * 1024 ** 2, process.memoryUsage.rss()) - start;
}

// ---- The database, as bytes. ----

/** A value as JSON with its keys sorted, so that the same data always gives the same text. */
function canon(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (ArrayBuffer.isView(v)) return `bytes:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}`;
  const record = v as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canon(record[k])}`)
    .join(',')}}`;
}

/** Every table of the database, in name order, each row in primary-key order. */
async function dump(db: MarkeerDb, only?: Guid): Promise<Map<string, string>> {
  const tables = new Map<string, string>();
  for (const table of [...db.tables].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rows = (await table.toArray()) as Record<string, unknown>[];
    const kept = only === undefined ? rows : rows.filter((r) => r.projectGuid === only || (table.name === 'projects' && r.guid === only));
    tables.set(table.name, kept.map(canon).join('\n'));
  }
  return tables;
}

/** The tables whose dump differs. */
function changed(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
}

// ---- One file through each way in. ----

interface PathResult {
  readonly path: 'cli' | 'import' | 'merge';
  readonly outcome: 'accepted' | 'refused' | 'crashed';
  readonly message: string;
  readonly ms: number;
}

interface Check {
  readonly problems: string[];
  readonly results: PathResult[];
}

const STACK = /\n\s+at \S.*(:\d+:\d+\)?|\(native\))/;
const firstLine = (s: string): string => s.split('\n').find((l) => l.trim() !== '') ?? '';
const short = (s: string, n = 240): string => (s.length > n ? `${s.slice(0, n)}…` : s);
const messageOf = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function cli(args: readonly string[]): Promise<{ status: number | 'threw'; text: string }> {
  const lines: string[] = [];
  const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
  try {
    const status = await run(args, io);
    return { status, text: lines.join('\n') };
  } catch (e) {
    return { status: 'threw', text: `${lines.join('\n')}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/** Whether a refusal says where: every group has one of its words (ignoring case). */
function missingWhere(message: string, built: BuiltRecipe): string[] {
  const lower = message.toLowerCase();
  return built.where.filter((group) => !group.some((w) => lower.includes(w.toLowerCase()))).map((group) => group.join(' | '));
}

async function throughCli(recipe: Recipe, file: string, built: BuiltRecipe, check: Check): Promise<void> {
  const t0 = performance.now();
  // Not under the file's own name, so that naming the file in a message is not mistaken for naming this.
  const out = join(dir, `new-${recipe.name}.markeer`);
  const args = recipe.kind === 'text' ? ['new', out, file] : ['validate', file];
  const r = await cli(args);
  const ms = performance.now() - t0;
  const label = `cli ${args[0]}`;
  if (r.status !== 0 && r.status !== 1) check.problems.push(`${label}: exit status ${r.status}, not 0 or 1: ${short(firstLine(r.text))}`);
  if (STACK.test(r.text)) check.problems.push(`${label}: printed a stack trace`);
  if (r.status === 1) {
    if (!r.text.includes(file)) check.problems.push(`${label}: the refusal does not name the file: ${short(r.text)}`);
    const missing = missingWhere(r.text, built);
    if (missing.length > 0) check.problems.push(`${label}: the refusal does not say where (${missing.join('; ')}): ${short(r.text)}`);
  }
  if (r.status === 0) {
    if (recipe.expect === 'refuse') check.problems.push(`${label}: accepted a file it must refuse`);
    const reports = recipe.reports;
    if (reports && !r.text.split('\n').some((l) => l.includes(file) && reports.test(l))) {
      check.problems.push(`${label}: accepted without a report naming the file and matching ${reports}: ${short(r.text)}`);
    }
  }
  if (r.status === 0 && recipe.kind === 'text') {
    const v = await cli(['validate', out]);
    if (v.status !== 0) check.problems.push(`cli new: wrote a bundle that validate refuses: ${short(v.text)}`);
    else {
      const parsed = await parseBundle(new Uint8Array(await readFile(out)));
      const wrong = parsed.ok ? await recipe.whenAccepted?.(parsed.value.data) : `its bundle is refused (${parsed.reason})`;
      if (wrong) check.problems.push(`cli new: accepted, but ${wrong}`);
    }
  }
  await rm(out, { force: true });
  check.results.push({ path: 'cli', outcome: r.status === 0 ? 'accepted' : r.status === 1 ? 'refused' : 'crashed', message: short(r.text, 400), ms });
}

/** A project exported from the database and read back by the bundle validator, or why that fails. */
async function exported(db: MarkeerDb, projectGuid: Guid): Promise<{ data: ProjectData } | { problem: string }> {
  const bundle = await exportBundle(projectGuid, 'full', db);
  if (!bundle.ok) return { problem: `its export fails (${bundle.reason} ${bundle.detail ?? ''})` };
  const parsed = await parseBundle(bundle.value.bytes);
  return parsed.ok ? { data: parsed.value.data } : { problem: `its export is refused (${parsed.reason}: ${parsed.detail ?? ''})` };
}

/** What a way in did: accepted (with the number of things it reported changing or leaving out), or refused. */
type Outcome = { accepted: true; projectGuid: Guid; message: string; reported: number } | { accepted: false; message: string };

/** One way in of the app: a project is there, `act` brings the file in; the database is checked around it. */
async function throughApp(path: 'import' | 'merge', recipe: Recipe, check: Check, act: (db: MarkeerDb, existing: Guid) => Promise<Outcome>): Promise<void> {
  const f = await codedProject('Mentor: Wat vond je van de [lessen] op afstand?\nLeerling: Saai, eerlijk gezegd.');
  try {
    const before = await dump(f.db);
    const mine = await dump(f.db, f.projectGuid);
    const t0 = performance.now();
    let outcome: Outcome | { crashed: string };
    try {
      outcome = await act(f.db, f.projectGuid);
    } catch (e) {
      outcome = { crashed: messageOf(e) };
    }
    const ms = performance.now() - t0;
    if ('crashed' in outcome) {
      check.problems.push(`app ${path}: threw ${short(outcome.crashed)}`);
      const touched = changed(before, await dump(f.db));
      if (touched.length > 0) check.problems.push(`app ${path}: crashed and changed the database (${touched.join(', ')})`);
      check.results.push({ path, outcome: 'crashed', message: short(outcome.crashed, 400), ms });
      return;
    }
    if (!outcome.accepted) {
      const touched = changed(before, await dump(f.db));
      if (touched.length > 0) check.problems.push(`app ${path}: refused (${short(outcome.message, 120)}) but changed the database (${touched.join(', ')})`);
    } else {
      if (recipe.expect === 'refuse') check.problems.push(`app ${path}: accepted a file it must refuse`);
      if (recipe.reports && outcome.reported === 0) check.problems.push(`app ${path}: accepted without reporting what it changed or left out`);
      const sound = await exported(f.db, outcome.projectGuid);
      const wrong = 'problem' in sound ? sound.problem : await recipe.whenAccepted?.(sound.data);
      if (wrong) check.problems.push(`app ${path}: accepted, but ${short(wrong)}`);
      const stored = [...(await dump(f.db)).values()].join('\n');
      if (passwd && stored.includes(passwd)) check.problems.push(`app ${path}: stored the content of /etc/passwd`);
      if (stored.includes('lollollol')) check.problems.push(`app ${path}: stored an expanded XML entity`);
      if (outcome.projectGuid !== f.projectGuid) {
        const touched = changed(mine, await dump(f.db, f.projectGuid));
        if (touched.length > 0) check.problems.push(`app ${path}: changed the project that was there (${touched.join(', ')})`);
      }
    }
    check.results.push({ path, outcome: outcome.accepted ? 'accepted' : 'refused', message: short(outcome.message, 400), ms });
  } finally {
    f.db.close();
    await f.db.delete();
  }
}

const failure = (r: { reason: string; detail?: string }): string => `${r.reason}${r.detail ? `: ${r.detail}` : ''}`;

/** The app's import of the file: "Import project…" for bundles and REFI-QDA, "Import files…" for transcripts. */
function appImport(recipe: Recipe, bytes: Uint8Array) {
  return async (db: MarkeerDb, existing: Guid): Promise<Outcome> => {
    if (recipe.kind === 'bundle') {
      const r = await importBundle(bytes, { db, coderName: 'Tester' });
      return r.ok ? { accepted: true, projectGuid: r.value, message: 'imported', reported: 0 } : { accepted: false, message: failure(r) };
    }
    if (recipe.kind === 'refi') {
      const r = await importRefiProject(recipe.name, bytes, { db });
      if (!r.ok) return { accepted: false, message: failure(r) };
      const said = [...r.value.report.warnings, ...r.value.report.discarded];
      return { accepted: true, projectGuid: r.value.projectGuid, message: said.join('; ') || 'imported', reported: said.length };
    }
    const imported = await importFile(recipe.name, bytes);
    if (!imported.ok) return { accepted: false, message: failure(imported) };
    const added = await addDocuments(existing, [imported.value], { db, firstOrder: 1 });
    if (!added.ok) return { accepted: false, message: failure(added) };
    const { warnings } = imported.value;
    return { accepted: true, projectGuid: existing, message: `added ${imported.value.text.length} characters; ${JSON.stringify(warnings)}`, reported: warnings.length };
  };
}

/** The app's merge of the file into the project there ("Merge coders' work…"). */
function appMerge(recipe: Recipe, bytes: Uint8Array) {
  return async (db: MarkeerDb, lead: Guid): Promise<Outcome> => {
    const prepared = await prepareMerge(lead, [{ name: recipe.name, bytes }], db);
    if (!prepared.ok) throw new Error(`prepareMerge: ${failure(prepared)}`);
    const file = prepared.value.files[0]!;
    if (!file.ok) return { accepted: false, message: failure(file) };
    const merged = await mergeBundles(lead, parsedData(prepared.value.files), acceptedNameMatches(prepared.value.plans, () => true), db);
    const reported = file.refi ? file.refi.warnings.length + file.refi.discarded.length : 0;
    return merged.ok ? { accepted: true, projectGuid: lead, message: 'merged', reported } : { accepted: false, message: failure(merged) };
  };
}

// ---- What no file may cause, whatever the answer. ----

/** Files a zip-slip name would write, relative to where the command line runs or the file lies. */
const SLIP_TARGETS = ['/tmp/x/zipslip-pwned.txt', '/tmp/x/zipslip-abs.txt', '/tmp/x/qslip.txt', ...['../../tmp/x/zipslip-pwned.txt', '../../x.txt', '../../../tmp/x/qslip.txt'].flatMap((p) => [resolve(p), resolve(dir, p)])];

const passwd = (() => {
  try {
    return firstLine(readFileSync('/etc/passwd', 'utf8'));
  } catch {
    return null;
  }
})();

interface Row {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  /** Time spent building the file (not counted against the limit). */
  readonly buildMs: number;
  readonly mb: number;
  readonly results: readonly PathResult[];
  readonly problems: readonly string[];
}
const rows: Row[] = [];

afterAll(async () => {
  const report = process.env.MARKEER_MALFORMED_REPORT;
  if (report) await writeFile(report, JSON.stringify(rows, null, 2));
});

describe('malformed files: refused with a reason or accepted sound, the database untouched (issue 13)', () => {
  for (const recipe of RECIPES) {
    it(
      recipe.name,
      async () => {
        const b0 = performance.now();
        const built = await recipe.build();
        const buildMs = performance.now() - b0;
        const file = join(dir, recipe.name);
        await writeFile(file, built.bytes);
        const slipsBefore = new Set(SLIP_TARGETS.filter((p) => existsSync(p)));
        const protoBefore = Object.getOwnPropertyNames(Object.prototype).join();
        const check: Check = { problems: [], results: [] };

        const stop = memoryProbe();
        const t0 = performance.now();
        await throughCli(recipe, file, built, check);
        await throughApp('import', recipe, check, appImport(recipe, built.bytes));
        if (recipe.kind === 'bundle' || isRefiFile(recipe.name)) await throughApp('merge', recipe, check, appMerge(recipe, built.bytes));
        const ms = performance.now() - t0;
        const grown = stop();
        await rm(file, { force: true });

        if (ms > LIMIT_MS) check.problems.push(`took ${(ms / 1000).toFixed(1)} s (limit ${LIMIT_MS / 1000} s)`);
        if (grown > LIMIT_BYTES) check.problems.push(`grew the process by ${(grown / 1024 ** 2).toFixed(0)} MB (limit 1024 MB)`);
        const slipped = SLIP_TARGETS.filter((p) => !slipsBefore.has(p) && existsSync(p));
        if (slipped.length > 0) check.problems.push(`wrote outside: ${slipped.join(', ')}`);
        if (Object.getOwnPropertyNames(Object.prototype).join() !== protoBefore || ({} as Record<string, unknown>).polluted !== undefined) check.problems.push('polluted Object.prototype');
        const said = check.results.map((r) => r.message).join('\n');
        if (passwd && said.includes(passwd)) check.problems.push('showed the content of /etc/passwd');
        if (said.includes('lollollol')) check.problems.push('expanded an XML entity');

        rows.push({ name: recipe.name, ok: check.problems.length === 0, ms: Math.round(ms), buildMs: Math.round(buildMs), mb: Math.round(grown / 1024 ** 2), results: check.results, problems: check.problems });
        expect(check.problems).toEqual([]);
      },
      300_000,
    );
  }
});
