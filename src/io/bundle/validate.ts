/**
 * The last step of reading a bundle: a migrated RawBundle to domain records, or the first thing
 * wrong with it, named by file and place.
 */
import { fail, ok, type Result } from '../../domain/assert';
import type { Attempt, Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Guid, Memo, Project, Segment, Theme, VariableDefinition } from '../../domain/model';
import { checkDocumentLength } from '../../domain/limits';
import { PROJECT_LISTS } from '../../domain/tables';
import { canonicalValue } from '../../domain/variables';
import { isNormalizedText } from '../../domain/text';
import {
  ATTEMPT_SHAPE,
  CODE_SHAPE,
  CODER_SHAPE,
  CODING_SHAPE,
  DOCUMENT_SHAPE,
  GROUP_SHAPE,
  isObject,
  MANIFEST_DOCUMENT_SHAPE,
  MEMO_SHAPE,
  PROJECT_SHAPE,
  readRecord,
  SEGMENT_SHAPE,
  TEXT_SHAPE,
  THEME_SHAPE,
  VARIABLE_SHAPE,
} from './fields';
import type { BundleFailure, BundleKind, BundleManifest, BundleManifestDocument, BundleTextRecord, ParsedBundle, RawBundle } from './types';

/** Thrown inside validation to stop at the first problem; never escapes this module. */
class Refusal extends Error {
  constructor(
    readonly reason: BundleFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

function refuse(reason: BundleFailure, detail: string): never {
  throw new Refusal(reason, detail);
}

function invalid(detail: string): never {
  return refuse('bundle-invalid', detail);
}

function record<T>(raw: unknown, shape: Parameters<typeof readRecord<T>>[1], where: string): T {
  const r = readRecord<T>(raw, shape, where);
  return r.ok ? r.record : invalid(r.problem);
}

const SHA256 = /^[0-9a-f]{64}$/;
const KINDS: readonly BundleKind[] = ['full', 'handout', 'exercise'];

function readManifest(raw: Readonly<Record<string, unknown>>): BundleManifest {
  const where = 'manifest.json';
  const top = record<Omit<BundleManifest, 'exportedBy' | 'kind' | 'documents'>>(
    raw,
    { format: 'string', formatVersion: 'int', appVersion: 'string', exportedAt: 'string', projectGuid: 'guid' },
    where,
  );
  const exportedBy = record<BundleManifest['exportedBy']>(raw.exportedBy, { guid: 'guid', name: 'string' }, `${where}: exportedBy`);
  if (!KINDS.includes(raw.kind as BundleKind)) invalid(`${where}: kind is not "full", "handout" or "exercise"`);
  if (!Array.isArray(raw.documents)) invalid(`${where}: documents is not a list`);
  const documents = (raw.documents as unknown[]).map((d, i) => {
    const doc = record<BundleManifestDocument>(d, MANIFEST_DOCUMENT_SHAPE, `${where}: documents[${i}]`);
    const sha256 = doc.sha256.toLowerCase();
    if (!SHA256.test(sha256)) invalid(`${where}: documents[${i}].sha256 is not a SHA-256 in hex`);
    return { ...doc, sha256 };
  });
  return { ...top, exportedBy, kind: raw.kind as BundleKind, documents };
}

interface Records {
  readonly project: Project;
  readonly coders: Coder[];
  readonly documents: DocumentRecord[];
  readonly texts: BundleTextRecord[];
  readonly codes: Code[];
  readonly segments: Segment[];
  readonly codings: Coding[];
  readonly variables: VariableDefinition[];
  readonly groups: DocumentGroup[];
  readonly memos: Memo[];
  readonly themes: Theme[];
  readonly attempts: Attempt[];
}

function list<T>(raw: Record<string, unknown>, name: keyof Records, shape: Parameters<typeof readRecord<T>>[1]): T[] {
  const value = raw[name];
  if (!Array.isArray(value)) invalid(`project.json: ${name} ${value === undefined ? 'is missing' : 'is not a list'}`);
  return (value as unknown[]).map((item, i) => record<T>(item, shape, `project.json: ${name}[${i}]`));
}

function readProjectJson(raw: unknown): Records {
  if (raw === undefined) invalid('project.json is missing');
  if (!isObject(raw)) invalid('project.json is not an object');
  const json = raw as Record<string, unknown>;
  return {
    project: record<Project>(json.project, PROJECT_SHAPE, 'project.json: project'),
    coders: list<Coder>(json, 'coders', CODER_SHAPE),
    documents: list<DocumentRecord>(json, 'documents', DOCUMENT_SHAPE),
    texts: list<BundleTextRecord>(json, 'texts', TEXT_SHAPE),
    codes: list<Code>(json, 'codes', CODE_SHAPE),
    segments: list<Segment>(json, 'segments', SEGMENT_SHAPE),
    codings: list<Coding>(json, 'codings', CODING_SHAPE),
    variables: list<VariableDefinition>(json, 'variables', VARIABLE_SHAPE),
    groups: list<DocumentGroup>(json, 'groups', GROUP_SHAPE),
    memos: list<Memo>(json, 'memos', MEMO_SHAPE),
    themes: list<Theme>(json, 'themes', THEME_SHAPE),
    attempts: list<Attempt>(json, 'attempts', ATTEMPT_SHAPE),
  };
}

/** Records by a key, refusing a key that repeats. */
function index<T>(records: readonly T[], name: string, key: (r: T) => Guid, keyName = 'guid'): Map<Guid, T> {
  const byKey = new Map<Guid, T>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as T;
    const k = key(r);
    if (byKey.has(k)) invalid(`project.json: ${name}[${i}].${keyName} repeats ${name}[${records.findIndex((x) => key(x) === k)}]`);
    byKey.set(k, r);
  }
  return byKey;
}

/**
 * Whether walking up the parents from a record ends at a root (a parent that is absent counts as
 * one: it is refused on its own). Each record is walked once and its answer kept, so that a chain
 * 100,000 codes deep is checked in linear time, not quadratic (issue 13).
 */
function reachesRoot(records: ReadonlyMap<Guid, { readonly parentGuid: Guid | null }>): (guid: Guid) => boolean {
  const known = new Map<Guid, boolean>();
  return (guid) => {
    const path = new Set<Guid>();
    let at: Guid | null = guid;
    let answer = true;
    while (at !== null) {
      const settled = known.get(at);
      if (settled !== undefined) {
        answer = settled;
        break;
      }
      if (path.has(at)) {
        answer = false;
        break;
      }
      path.add(at);
      at = records.get(at)?.parentGuid ?? null;
    }
    for (const g of path) known.set(g, answer);
    return answer;
  };
}

function checkReferences(manifest: BundleManifest, r: Records) {
  const projectGuid = r.project.guid;
  if (manifest.projectGuid !== projectGuid) invalid(`manifest.json: projectGuid is not the GUID of project.json's project`);
  for (const name of PROJECT_LISTS) {
    const i = (r[name] as readonly { projectGuid: Guid }[]).findIndex((x) => x.projectGuid !== projectGuid);
    if (i >= 0) invalid(`project.json: ${name}[${i}].projectGuid is not the project's GUID`);
  }
  const coders = index(r.coders, 'coders', (c) => c.guid);
  const documents = index(r.documents, 'documents', (d) => d.guid);
  const texts = index(r.texts, 'texts', (t) => t.documentGuid, 'documentGuid');
  const codes = index(r.codes, 'codes', (c) => c.guid);
  const segments = index(r.segments, 'segments', (s) => s.guid);
  index(r.codings, 'codings', (c) => c.guid);
  index(r.groups, 'groups', (g) => g.guid);
  index(r.memos, 'memos', (m) => m.guid);
  index(r.attempts, 'attempts', (a) => a.guid);
  const themes = index(r.themes, 'themes', (t) => t.guid);
  index(r.variables, 'variables', (v) => v.guid);
  const variables = index(r.variables, 'variables', (v) => v.name, 'name');
  if (!coders.has(r.project.ownerCoderGuid)) invalid('project.json: project.ownerCoderGuid names no coder');

  r.texts.forEach((t, i) => documents.has(t.documentGuid) || invalid(`project.json: texts[${i}].documentGuid names no document`));
  r.documents.forEach((d, i) => texts.has(d.guid) || invalid(`project.json: documents[${i}] (“${d.name}”) has no entry in texts`));
  const codeReachesRoot = reachesRoot(codes);
  r.codes.forEach((c, i) => {
    if (c.parentGuid !== null && !codes.has(c.parentGuid)) invalid(`project.json: codes[${i}].parentGuid names no code`);
    if (!codeReachesRoot(c.guid)) invalid(`project.json: codes[${i}] (“${c.name}”) is its own ancestor`);
  });
  r.segments.forEach((s, i) => {
    if (!documents.has(s.documentGuid)) invalid(`project.json: segments[${i}].documentGuid names no document`);
    if (!coders.has(s.coderGuid)) invalid(`project.json: segments[${i}].coderGuid names no coder`);
  });
  r.codings.forEach((c, i) => {
    const segment = segments.get(c.segmentGuid);
    if (!segment) invalid(`project.json: codings[${i}].segmentGuid names no segment`);
    if (!codes.has(c.codeGuid)) invalid(`project.json: codings[${i}].codeGuid names no code`);
    if (!coders.has(c.coderGuid)) invalid(`project.json: codings[${i}].coderGuid names no coder`);
    if (segment?.documentGuid !== c.documentGuid) invalid(`project.json: codings[${i}].documentGuid is not its segment's document`);
  });
  r.documents.forEach((d, i) => {
    for (const [name, value] of Object.entries(d.variables)) {
      const variable = variables.get(name);
      if (variable && canonicalValue(variable.type, value) !== value) {
        invalid(`project.json: documents[${i}].variables[${JSON.stringify(name)}] is not a ${variable.type} value in canonical form`);
      }
    }
  });
  r.groups.forEach((g, i) =>
    g.documentGuids.forEach((d, j) => documents.has(d) || invalid(`project.json: groups[${i}].documentGuids[${j}] names no document`)),
  );
  r.memos.forEach((m, i) => {
    if (!coders.has(m.authorGuid)) invalid(`project.json: memos[${i}].authorGuid names no coder`);
    const targets = { project: null, document: documents, code: codes, segment: segments }[m.targetKind];
    if (targets === null ? m.targetGuid !== null : m.targetGuid === null || !targets.has(m.targetGuid)) {
      invalid(`project.json: memos[${i}].targetGuid names no ${m.targetKind}`);
    }
  });
  const themeReachesRoot = reachesRoot(themes);
  r.themes.forEach((t, i) => {
    if (t.parentGuid !== null && !themes.has(t.parentGuid)) invalid(`project.json: themes[${i}].parentGuid names no theme`);
    if (!themeReachesRoot(t.guid)) invalid(`project.json: themes[${i}] (“${t.name}”) is its own ancestor`);
  });
  if (r.project.exercise && !coders.has(r.project.exercise.referenceCoderGuid)) invalid('project.json: project.exercise.referenceCoderGuid names no coder');
  const listed = new Map<Guid, number>();
  manifest.documents.forEach((d, i) => {
    if (!documents.has(d.guid)) invalid(`manifest.json: documents[${i}] names a document that project.json lacks`);
    const earlier = listed.get(d.guid);
    if (earlier !== undefined) invalid(`manifest.json: documents[${i}].guid repeats documents[${earlier}]`);
    listed.set(d.guid, i);
  });
}

/**
 * Themes keep only the codes and quotations that exist: a theme may outlive a deleted code or
 * segment (the app ignores such references, and undo can bring them back), so a reference that
 * names nothing is dropped on reading rather than refusing the bundle.
 */
function withoutDangling(r: Records): Theme[] {
  const codes = new Set(r.codes.map((c) => c.guid));
  const segments = new Set(r.segments.map((s) => s.guid));
  return r.themes.map((t) => ({ ...t, codeGuids: t.codeGuids.filter((c) => codes.has(c)), quoteSegmentGuids: t.quoteSegmentGuids.filter((s) => segments.has(s)) }));
}

async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Each document's text, checked against the manifest's checksum (of the file's bytes) and against
 * normalisation: a text that import would have changed is refused, never silently altered.
 */
async function readTexts(manifest: BundleManifest, r: Records, files: RawBundle['files']): Promise<Map<Guid, string>> {
  const entries = new Map(manifest.documents.map((d) => [d.guid, d]));
  const texts = new Map<Guid, string>();
  for (const [i, doc] of r.documents.entries()) {
    const entry = entries.get(doc.guid);
    if (!entry) refuse('bundle-missing-text', `“${doc.name}” (no entry in manifest.json)`);
    const place = `“${doc.name}” (${entry.path})`;
    const bytes = files.get(entry.path);
    if (!bytes) refuse('bundle-missing-text', place);
    if ((await sha256OfBytes(bytes)) !== entry.sha256) refuse('bundle-checksum-mismatch', place);
    let text: string;
    try {
      // ignoreBOM keeps a byte-order mark in the text, so that the normalisation check sees it.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      invalid(`${entry.path} is not UTF-8`);
    }
    tooLong(doc.name, text.length);
    if (!isNormalizedText(text)) refuse('bundle-checksum-mismatch', `${place}: the text is not in normalised form`);
    if (doc.sha256 !== entry.sha256) refuse('bundle-checksum-mismatch', `${place}: project.json documents[${i}].sha256 differs from the text`);
    if (doc.length !== text.length) invalid(`project.json: documents[${i}].length is ${doc.length}, but its text has ${text.length} code units`);
    texts.set(doc.guid, text);
  }
  return texts;
}

/** Refuses a document longer than the app can store (domain/limits.ts), as the app and command line do at every import. */
function tooLong(name: string, length: number): void {
  const failure = checkDocumentLength(name, length);
  if (failure) refuse(failure.reason, failure.detail);
}

function checkSegments(r: Records, texts: ReadonlyMap<Guid, string>) {
  const documents = new Map(r.documents.map((d) => [d.guid, d]));
  for (const s of r.segments) {
    const text = texts.get(s.documentGuid) ?? '';
    const name = documents.get(s.documentGuid)?.name ?? s.documentGuid;
    if (!(s.start >= 0 && s.start < s.end && s.end <= text.length)) {
      refuse('bundle-segment-outside-document', `segment ${s.guid} in “${name}”: range ${s.start}-${s.end}, text length ${text.length}`);
    }
    if (text.slice(s.start, s.end) !== s.text) refuse('bundle-segment-text-mismatch', `segment ${s.guid} in “${name}” at ${s.start}-${s.end}`);
  }
}

/**
 * Checks a migrated bundle completely, the structure of every record first, then every reference
 * between records, then texts against their checksums, then segments against their texts.
 * Records keep their unknown fields; GUIDs come back lower case without braces.
 */
export async function validateBundle(raw: RawBundle): Promise<Result<ParsedBundle, BundleFailure>> {
  try {
    const manifest = readManifest(raw.manifest);
    const records = readProjectJson(raw.project);
    checkReferences(manifest, records);
    const texts = await readTexts(manifest, records, raw.files);
    checkSegments(records, texts);
    const withText = (t: BundleTextRecord): DocumentText => ({ ...t, text: texts.get(t.documentGuid) ?? '' });
    return ok({ manifest, data: { ...records, texts: records.texts.map(withText), themes: withoutDangling(records) } });
  } catch (e) {
    if (e instanceof Refusal) return fail(e.reason, e.detail);
    throw e;
  }
}
