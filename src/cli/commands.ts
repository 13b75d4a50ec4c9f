import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CODER_COLORS, createCoder, createDocument, createProject } from '../domain/factories';
import { computeAgreement } from '../domain/agreement';
import { mergeProjects, type MergeReport } from '../domain/merge';
import type { DocumentText } from '../domain/model';
import type { ProjectData } from '../domain/project-data';
import { codesFromTemplate, DEFAULT_TEMPLATE, isTemplateSlug, TEMPLATES } from '../domain/templates';
import { emptyLists } from '../domain/tables';
import { sha256Hex } from '../domain/text';
import { applySpeakerMap, detectTurns, speakerSummary } from '../domain/turns';
import { CliError, loadProject, loadProjectOrThrow, readBytes } from './load';
import { describeImportWarnings } from './import-warnings';
import { describeFailure } from './messages';
import { APP_VERSION } from './version';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** What the command is doing now ("reading a.markeer"), said if it then fails unexpectedly. */
  doing?(what: string): void;
}

/** `new OUT [--template SLUG] [--name NAME] [--coder NAME] [--lang nl|en] FILE...`: a hand-out bundle from transcripts. */
export async function newProject(
  out: string,
  files: readonly string[],
  opts: { template?: string; name?: string; coder?: string; lang?: string },
  io: Output,
): Promise<void> {
  if (files.length === 0) throw new CliError('new: name at least one transcript (.txt, .docx, .vtt, .srt)');
  const template = opts.template ?? DEFAULT_TEMPLATE;
  if (!isTemplateSlug(template)) throw new CliError(`new: unknown template "${template}"; choose one of ${TEMPLATES.map((t) => t.slug).join(', ')}`);
  const lang = opts.lang === 'en' ? 'en' : 'nl';
  const coderGuid = crypto.randomUUID();
  const project = createProject({ name: opts.name ?? basename(out, extname(out)), ownerCoderGuid: coderGuid, template });
  const coder = createCoder(project.guid, opts.coder ?? 'Lead', CODER_COLORS[0] ?? '#1d4e89', coderGuid);
  const documents = [];
  const texts: DocumentText[] = [];
  const problems: string[] = [];
  const { importFile } = await import('../io/import');
  for (const [i, file] of files.entries()) {
    const imported = await importFile(basename(file), await readBytes(file));
    if (!imported.ok) {
      problems.push(describeFailure(file, imported));
      continue;
    }
    const { text, name, warnings } = imported.value;
    for (const line of describeImportWarnings(file, warnings)) io.err(line);
    const doc = createDocument({ projectGuid: project.guid, name, length: text.length, sha256: await sha256Hex(text), order: i, source: basename(file) });
    documents.push(doc);
    texts.push({ documentGuid: doc.guid, projectGuid: project.guid, text, turns: detectTurns(text) });
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  const data: ProjectData = { project, ...emptyLists(), coders: [coder], documents, texts, codes: codesFromTemplate(template, lang, project.guid) };
  await writeOut(out, io, async () => (await bundleWriter())(data, { kind: 'handout', appVersion: APP_VERSION, exportedBy: { guid: coder.guid, name: coder.name } }));
  io.err(`${out}: ${documents.length} documents, ${data.codes.length} codes (${template})`);
}

/** The JSON of `info --json`: positions in UTF-16 code units, end exclusive. */
export function projectInfo(data: ProjectData) {
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t]));
  const codesOf = new Map<string, string[]>();
  for (const c of data.codings) codesOf.set(c.segmentGuid, [...(codesOf.get(c.segmentGuid) ?? []), c.codeGuid]);
  const order = new Map(data.documents.map((d) => [d.guid, d.order]));
  return {
    project: { guid: data.project.guid, name: data.project.name },
    coders: data.coders.map((c) => ({ guid: c.guid, name: c.name })),
    documents: [...data.documents]
      .sort((a, b) => a.order - b.order)
      .map((d) => ({
        guid: d.guid,
        name: d.name,
        length: d.length,
        sha256: d.sha256,
        speakers: speakerSummary(applySpeakerMap(texts.get(d.guid)?.turns ?? [], d.speakerMap)),
      })),
    codes: data.codes.map((c) => ({ guid: c.guid, name: c.name, parentGuid: c.parentGuid, color: c.color })),
    segments: [...data.segments]
      .sort((a, b) => (order.get(a.documentGuid) ?? 0) - (order.get(b.documentGuid) ?? 0) || a.start - b.start || a.end - b.end)
      .map((s) => ({ guid: s.guid, documentGuid: s.documentGuid, coderGuid: s.coderGuid, start: s.start, end: s.end, text: s.text, codeGuids: (codesOf.get(s.guid) ?? []).sort() })),
  };
}

export async function info(file: string, json: boolean, io: Output): Promise<void> {
  io.doing?.(`reading ${file}`);
  const data = await loadProjectOrThrow(file, io.err);
  io.doing?.(`describing ${file}`);
  const result = projectInfo(data);
  if (json) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  io.out(`${result.project.name} (${result.project.guid})`);
  io.out(`coders: ${result.coders.map((c) => c.name).join(', ')}`);
  io.out(`documents: ${result.documents.length}, codes: ${result.codes.length}, segments: ${result.segments.length}`);
  for (const d of result.documents) io.out(`  ${d.name}: ${d.length} characters, speakers ${d.speakers.map((s) => `${s.name} (${s.turns})`).join(', ') || '-'}`);
}

/** Exit status 0 for a sound file, 1 with the reason otherwise. */
export async function validate(file: string, io: Output): Promise<number> {
  io.doing?.(`validating ${file}`);
  const r = await loadProject(file, io.err);
  if (!r.ok) {
    io.err(r.reason);
    return 1;
  }
  io.out(`${file}: sound (${r.value.documents.length} documents, ${r.value.segments.length} segments)`);
  return 0;
}

/** How the command line merges: what a lead would confirm on the app's plan screen. */
export interface CliMergeOptions {
  /** Take a coder with another GUID but the name of a coder already there as that person. */
  readonly sameCoderByName?: boolean;
}

/** `merge OUT LEAD FILE...`: the first file is the lead's project; the others' work is merged into it. */
export async function merge(out: string, files: readonly string[], opts: CliMergeOptions, io: Output): Promise<void> {
  if (files.length < 2) throw new CliError('merge: name the lead project and at least one coder bundle');
  const lead = await mergeFiles(files, opts, io);
  const owner = lead.coders.find((c) => c.guid === lead.project.ownerCoderGuid) ?? lead.coders[0];
  await writeOut(out, io, async () => (await bundleWriter())(lead, { kind: 'full', appVersion: APP_VERSION, exportedBy: { guid: owner?.guid ?? lead.project.ownerCoderGuid, name: owner?.name ?? '' } }));
}

/**
 * The first file's project with every other file's work merged into it, in order: the app's merge
 * (`domain/merge.ts` mergeProjects), with every code name match taken and coder name matches
 * taken when asked. Each match by name and each file's counts are reported.
 */
export async function mergeFiles(files: readonly string[], opts: CliMergeOptions, io: Output): Promise<ProjectData> {
  const [leadFile, ...others] = files;
  io.doing?.(`reading ${leadFile}`);
  const lead = await loadProjectOrThrow(leadFile as string, io.err);
  const incoming: ProjectData[] = [];
  for (const file of others) {
    io.doing?.(`reading ${file}`);
    incoming.push(await loadProjectOrThrow(file, io.err));
  }
  io.doing?.(`merging ${files.join(', ')}`);
  const sameCoder = opts.sameCoderByName === true;
  const codersByGuid = new Set(incoming.flatMap((d) => d.coders.map((c) => c.guid)));
  const merged = mergeProjects(lead, incoming, (guid) => !codersByGuid.has(guid) || sameCoder);
  merged.plans.forEach((plan, i) => {
    const file = others[i] as string;
    for (const c of plan.codes.filter((c) => c.by === 'name')) io.err(`${file}: code "${c.incoming.name}" matched by name to "${c.target?.name}"`);
    for (const c of plan.coders.filter((c) => c.by === 'name')) {
      io.err(sameCoder ? `${file}: coder "${c.incoming.name}" (${c.incoming.guid}) taken as "${c.target?.name}" (${c.target?.guid}) by name` : `${file}: coder "${c.incoming.name}" has the name of a coder already there but another GUID; kept apart (--same-coder-by-name takes them as one person)`);
    }
    io.err(`${file}: ${reportLine(merged.reports[i] as MergeReport)}`);
  });
  return merged.data;
}

/**
 * `agreement FILE... [--coders NAME_OR_GUID,...] --json`: the coders found across the files
 * (by default every coder with a segment, in the order first seen), compared per code (with its
 * descendants) and document, pooled, and per domain.
 */
export async function agreement(files: readonly string[], opts: { coders?: string; json?: boolean; sameCoderByName?: boolean }, io: Output): Promise<void> {
  if (files.length === 0) throw new CliError('agreement: name at least one project file');
  const quiet: Output = { out: () => undefined, err: () => undefined };
  const data = await mergeFiles(files, { sameCoderByName: opts.sameCoderByName === true }, quiet);
  const withSegments = new Set(data.segments.map((s) => s.coderGuid));
  const coders = opts.coders
    ? opts.coders.split(',').map((wanted) => {
        const w = wanted.trim();
        const found = data.coders.filter((c) => c.guid === w.toLowerCase() || c.name === w);
        if (found.length === 0) throw new CliError(`agreement: no coder "${w}" in ${files.join(', ')}; coders: ${data.coders.map((c) => c.name).join(', ')}`);
        if (found.length > 1) throw new CliError(`agreement: several coders are named "${w}"; give a GUID (${found.map((c) => c.guid).join(', ')}), or --same-coder-by-name when they are one person exported more than once`);
        return found[0]!;
      })
    : data.coders.filter((c) => withSegments.has(c.guid));
  if (coders.length < 2) throw new CliError(`agreement: needs at least two coders with segments; found ${coders.map((c) => c.name).join(', ') || 'none'}`);
  const report = computeAgreement({
    documents: [...data.documents].sort((a, b) => a.order - b.order).map((d) => ({ guid: d.guid, name: d.name, length: d.length })),
    codes: data.codes,
    coders: coders.map((c) => c.guid),
    segments: data.segments,
    codings: data.codings,
  });
  const result = { coders: coders.map((c) => ({ guid: c.guid, name: c.name })), ...report };
  if (opts.json) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  const pct = (x: number | null) => (x === null ? '-' : x.toFixed(1));
  const num = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  io.out(`coders: ${result.coders.map((c) => c.name).join(' / ')}`);
  io.out(['code', 'both', 'only A', 'only B', '%', 'kappa', 'alpha'].join('\t'));
  for (const c of result.codes) {
    const p = c.pooled;
    io.out([c.name, p.both, p.onlyA, p.onlyB, pct(p.percentAgreement), num(p.cohenKappa), num(p.alphaBinary)].join('\t'));
  }
  for (const d of result.domains) io.out(`domain ${d.name}: u-alpha ${num(d.uAlpha)}, binary ${num(d.binaryUAlpha)}, cu-alpha ${num(d.cuAlpha)}${d.overlapping.length ? `; overlapping segments of ${d.overlapping.join(', ')}` : ''}`);
}

export function reportLine(r: MergeReport): string {
  const a = r.added;
  const m = r.matched;
  const parts = [
    `added ${a.documents} documents, ${a.codes} codes, ${a.coders} coders, ${a.segments} segments, ${a.codings} codings, ${a.comments} comments, ${a.memos} memos, ${a.variables} variables, ${a.variableValues} variable values, ${a.groups} groups, ${a.themes} themes, ${a.attempts} attempts`,
    `matched ${m.documents} documents, ${m.codes} codes, ${m.coders} coders, ${m.segments} segments, ${m.codings} codings, ${m.memos} memos, ${m.variables} variables, ${m.groups} groups, ${m.themes} themes, ${m.attempts} attempts`,
    `skipped ${r.skipped.segments} segments, ${r.skipped.codings} codings, ${r.skipped.memos} memos`,
  ];
  if (r.codersByName.length) parts.push(`same person by name: ${r.codersByName.join(', ')}`);
  if (r.skipped.conflicts.length) parts.push(`kept the lead's value over: ${r.skipped.conflicts.join('; ')}`);
  if (r.skipped.documentsWithOtherText.length) parts.push(`documents with another text: ${r.skipped.documentsWithOtherText.join(', ')}`);
  return parts.join('; ');
}

/**
 * `export FILE --format qdpx|qdc|bundle [--utf16] [--unique-code-names] -o OUT`: converts between
 * Markeer bundles and REFI-QDA. `--utf16` writes positions in UTF-16 code units (for NVivo) instead
 * of code points; `--unique-code-names` writes codes that share a name under their path
 * ("Parent / Child"), for tools that match codes by name (QualCoder).
 */
export async function exportProject(file: string, opts: { format?: string; out?: string; utf16?: boolean; 'unique-code-names'?: boolean }, io: Output): Promise<void> {
  if (!opts.out) throw new CliError('export: name the file to write with -o OUT');
  const format = opts.format ?? formatOf(opts.out);
  io.doing?.(`reading ${file}`);
  const data = await loadProjectOrThrow(file, io.err);
  const target = opts.out;
  if (format === 'qdpx') {
    const { exportQdpx } = await import('../io/refi');
    await writeOut(target, io, async () => {
      const { bytes, lost } = await exportQdpx(data, { positions: opts.utf16 ? 'utf16' : 'codepoints', uniqueCodeNames: opts['unique-code-names'] === true });
      for (const l of lost) io.err(`${target}: not represented in REFI-QDA: ${l}`);
      return bytes;
    });
  } else if (format === 'qdc') {
    const { codeNames, exportQdc } = await import('../io/refi');
    const uniqueCodeNames = opts['unique-code-names'] === true;
    for (const l of codeNames(data.codes, uniqueCodeNames).report) io.err(`${opts.out}: ${l}`);
    await writeOut(target, io, async () => exportQdc(data.codes, new Set(data.codings.map((c) => c.codeGuid)), { uniqueCodeNames }));
  } else if (format === 'bundle' || format === 'markeer') {
    const owner = data.coders.find((c) => c.guid === data.project.ownerCoderGuid) ?? data.coders[0];
    await writeOut(target, io, async () => (await bundleWriter())(data, { kind: 'full', appVersion: APP_VERSION, exportedBy: { guid: owner?.guid ?? data.project.ownerCoderGuid, name: owner?.name ?? '' } }));
  } else {
    throw new CliError(`export: unknown format "${format}"; use qdpx, qdc or bundle`);
  }
  io.err(`${opts.out}: ${data.documents.length} documents, ${data.codes.length} codes, ${data.segments.length} segments`);
}

/**
 * The bundle writer, loaded when a command writes a bundle (as the REFI-QDA writers are, where
 * `export` writes one): with them come JSZip and fast-xml-parser, which the commands that only
 * read a bundle (agreement, matrix, info) need not load (about 40 ms of every such command's
 * start; issue 15).
 */
async function bundleWriter() {
  return (await import('../io/bundle/serialize')).serializeBundle;
}

/**
 * Writes what `make` gives to `file`, saying what it is doing; a file that cannot be written (no
 * such folder, no permission, a full disk) is a refusal with the reason, not a failure of Markeer.
 */
async function writeOut(file: string, io: Output, make: () => Promise<Uint8Array | string>): Promise<void> {
  io.doing?.(`writing ${file}`);
  const bytes = await make();
  try {
    await writeFile(file, bytes);
  } catch (e) {
    throw new CliError(`${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function formatOf(out: string): string {
  const ext = extname(out).toLowerCase().slice(1);
  return ext === 'markeer' ? 'bundle' : ext;
}
