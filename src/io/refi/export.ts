/**
 * Writing REFI-QDA strictly (README "Container", "XML"): `project.qde` plus `sources/<guid>.txt`
 * (UTF-8, no byte-order mark), every element in the schema's sequence order, no empty container,
 * lower-case GUIDs that stay the same across exports, UTC dates.
 */
import JSZip from 'jszip';
import { childrenOf, isValidColor } from '../../domain/codebook';
import type { Code, Guid, Memo, Segment, VariableType } from '../../domain/model';
import { variableList } from '../../domain/variables';
import { themeTree } from '../../domain/themes';
import type { ProjectData } from '../../domain/project-data';
import { codePointPrefix } from './positions';
import type { ExportOptions, QdpxExport } from './types';
import { container, element, hasNonXml, textElement } from './xml';

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Markeer';
/** Longest selection `name` written, in code points. */
const NAME_LENGTH = 100;

/** Where a document's text lives in the zip, and how project.qde refers to it. */
export const sourcePath = (documentGuid: Guid): string => `sources/${documentGuid}.txt`;
const internalPath = (documentGuid: Guid): string => `internal://${documentGuid}.txt`;

/** An xsd:dateTime in UTC with Z; undefined for what is not a date. */
function utc(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const t = new Date(timestamp);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/**
 * A name-based (version 5, SHA-1) GUID, so that derived records keep their GUID across exports.
 * A segment's comment is written as the Note derivedGuid(segment, 'comment'): that is how import
 * tells Markeer's comments from memos.
 */
export async function derivedGuid(namespace: Guid, name: string): Promise<Guid> {
  const ns = namespace.replace(/-/g, '');
  const bytes = new Uint8Array(16 + new TextEncoder().encode(name).length);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(ns.slice(2 * i, 2 * i + 2), 16);
  bytes.set(new TextEncoder().encode(name), 16);
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', bytes));
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = [...hash.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The name written for a memo without a title (other tools show notes by name): its first line.
 * Import reads a note of exactly this name back as untitled.
 */
export function untitledNoteName(text: string): string {
  return firstCodePoints(text.trim().split('\n')[0] ?? '', 60).trim() || 'Memo';
}

/** The first `max` code points of a text, never cutting a surrogate pair. */
function firstCodePoints(text: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (n++ === max) break;
    out += ch;
  }
  return out;
}

/**
 * The code tree, nested. A code with children that is never applied directly is a grouping and is
 * written `isCodable="false"` (README: categories exported as codable get duplicated on re-import).
 */
function codeElements(codes: readonly Code[], applied: ReadonlySet<Guid>, noteRefs: (code: Code) => string[] = () => []): string[] {
  const seen = new Set<Guid>();
  const write = (code: Code): string => {
    seen.add(code.guid);
    const children = childrenOf(codes, code.guid).filter((c) => !seen.has(c.guid));
    const codable = children.length === 0 || applied.has(code.guid);
    const body = [code.definition ? textElement('Description', code.definition) : '', ...noteRefs(code), ...children.map(write)];
    return element(
      'Code',
      [
        ['guid', code.guid],
        ['name', code.name],
        ['isCodable', codable],
        ['color', isValidColor(code.color) ? code.color.toLowerCase() : undefined],
      ],
      body,
    );
  };
  const known = new Set(codes.map((c) => c.guid));
  // A code whose parent is missing is written at top level.
  const roots = codes.filter((c) => c.parentGuid === null || !known.has(c.parentGuid)).map((c) => ({ ...c, parentGuid: null }));
  const out = childrenOf(roots, null).map(write);
  // Codes in a parent cycle are not reachable from a root: write them at top level.
  for (const code of codes) if (!seen.has(code.guid)) out.push(write({ ...code, parentGuid: null }));
  return out;
}

/**
 * A `.qdc` codebook: the code tree alone, valid against Codebook.xsd. A parent code is a grouping
 * (`isCodable="false"`) unless its GUID is in `appliedCodeGuids`.
 */
export function exportQdc(codes: readonly Code[], appliedCodeGuids: ReadonlySet<Guid> = new Set()): string {
  const body = codeElements(codes, appliedCodeGuids);
  const codesXml = element('Codes', [], body);
  return `<?xml version="1.0" encoding="utf-8"?>\n${element('CodeBook', [['xmlns', CODEBOOK_NS], ['origin', ORIGIN]], codesXml)}\n`;
}

/** What a `.qdpx` cannot carry: the user sees this before sharing the file. */
function lostInExport(data: ProjectData): string[] {
  const lost: string[] = [];
  for (const d of data.documents) {
    const renames = Object.entries(d.speakerMap);
    if (renames.length > 0) lost.push(`speaker names changed or dropped in “${d.name}” (${renames.length})`);
  }
  for (const c of data.codes) if (c.shortcut !== null) lost.push(`shortcut key ${c.shortcut} of code “${c.name}”`);
  if (data.coders.length > 0) lost.push('coder colours');
  const nonXml = [
    ...data.codes.filter((c) => hasNonXml(c.name) || hasNonXml(c.definition)).map((c) => `code “${c.name}”`),
    ...data.segments.filter((s) => hasNonXml(s.comment)).map((s) => `a comment on “${firstCodePoints(s.text, 30)}”`),
  ];
  for (const where of nonXml) lost.push(`control characters in ${where} (XML cannot hold them)`);
  // Themes are Sets of codes: what a Set cannot hold is lost.
  const codeGuids = new Set(data.codes.map((c) => c.guid));
  const themeGuids = new Set(data.themes.map((t) => t.guid));
  for (const t of data.themes) {
    if (!t.codeGuids.some((g) => codeGuids.has(g))) lost.push(`theme “${t.name}”: it has no codes, and a set of codes needs at least one`);
    else if (t.parentGuid !== null && themeGuids.has(t.parentGuid)) lost.push(`theme “${t.name}” being a sub-theme of “${data.themes.find((p) => p.guid === t.parentGuid)?.name ?? ''}”`);
    if (t.quoteSegmentGuids.length > 0) lost.push(`the ${t.quoteSegmentGuids.length} quotation${t.quoteSegmentGuids.length === 1 ? '' : 's'} picked for theme “${t.name}”`);
    if (hasNonXml(t.name) || hasNonXml(t.definition) || hasNonXml(t.scopeNote)) lost.push(`control characters in theme “${t.name}” (XML cannot hold them)`);
  }
  if (data.themes.some((t) => t.codeGuids.some((g) => codeGuids.has(g)))) lost.push('theme colours and the order of themes');
  const formatted = data.memos.filter((m) => m.rich !== null).length;
  if (formatted > 0) lost.push(`the formatting (bold, lists, headings) of ${formatted} memo${formatted === 1 ? '' : 's'}: their text is kept`);
  return lost;
}

/**
 * A project as a `.qdpx`. Positions are code points as the standard says, or UTF-16 code units
 * for NVivo. Segment comments become `Note`s linked by `NoteRef`; document variables become
 * project `Variables` of type Text with a `VariableValue` in each `TextSource`.
 */
export async function exportQdpx(data: ProjectData, opts: ExportOptions): Promise<QdpxExport> {
  const now = utc(opts.now) ?? new Date().toISOString();
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t.text]));
  const documents = [...data.documents].sort((a, b) => a.order - b.order || (a.guid < b.guid ? -1 : 1));
  const codingsBySegment = new Map<Guid, ProjectData['codings'][number][]>();
  for (const c of data.codings) {
    const list = codingsBySegment.get(c.segmentGuid);
    if (list) list.push(c);
    else codingsBySegment.set(c.segmentGuid, [c]);
  }
  const segmentsByDocument = new Map<Guid, Segment[]>();
  for (const s of data.segments) {
    const list = segmentsByDocument.get(s.documentGuid);
    if (list) list.push(s);
    else segmentsByDocument.set(s.documentGuid, [s]);
  }

  // Variables: the project's definitions; a name documents use without one gets a GUID derived
  // from its name, so that it stays the same across exports.
  const definitions = new Set(data.variables.map((v) => v.guid));
  const variableDefs = await Promise.all(
    variableList(data.project.guid, data.variables, documents).map(async (v) => (definitions.has(v.guid) ? v : { ...v, guid: await derivedGuid(data.project.guid, `variable:${v.name}`) })),
  );
  const variableGuids = new Map(variableDefs.map((v) => [v.name, v.guid]));
  const variableTypes = new Map(variableDefs.map((v) => [v.name, v.type]));

  // Memos: one Note each, referenced from what they are about.
  const memosByTarget = new Map<string, Memo[]>();
  for (const m of [...data.memos].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.guid < b.guid ? -1 : 1))) {
    const key = `${m.targetKind} ${m.targetGuid ?? ''}`;
    const list = memosByTarget.get(key);
    if (list) list.push(m);
    else memosByTarget.set(key, [m]);
  }
  const memoRefs = (kind: Memo['targetKind'], targetGuid: Guid | null): string[] =>
    (memosByTarget.get(`${kind} ${targetGuid ?? ''}`) ?? []).map((m) => element('NoteRef', [['targetGUID', m.guid]]));

  const users = [...data.coders]
    .sort((a, b) => (a.guid < b.guid ? -1 : 1))
    .map((c) => element('User', [['guid', c.guid], ['name', c.name]]));
  const applied = new Set(data.codings.map((c) => c.codeGuid));
  const codes = codeElements(data.codes, applied, (code) => memoRefs('code', code.guid));
  const variables = variableDefs.map((v) =>
    element('Variable', [['guid', v.guid], ['name', v.name], ['typeOfVariable', refiType(v.type, documents.map((d) => d.variables[v.name] ?? ''))]]),
  );

  const notes: string[] = data.memos.map((m) =>
    element(
      'Note',
      [
        ['guid', m.guid],
        ['name', m.title || untitledNoteName(m.text)],
        ['creatingUser', data.coders.some((c) => c.guid === m.authorGuid) ? m.authorGuid : undefined],
        ['creationDateTime', utc(m.createdAt)],
        ['modifiedDateTime', utc(m.updatedAt)],
      ],
      textElement('PlainTextContent', m.text),
    ),
  );
  const sources: string[] = [];
  for (const d of documents) {
    const text = texts.get(d.guid) ?? '';
    const prefix = opts.positions === 'codepoints' ? codePointPrefix(text) : null;
    const position = (i: number): number => (prefix ? prefix[i]! : i);
    const segments = [...(segmentsByDocument.get(d.guid) ?? [])].sort((a, b) => a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : 1));
    const selections: string[] = [];
    for (const s of segments) {
      const codings = [...(codingsBySegment.get(s.guid) ?? [])]
        .sort((a, b) => (a.guid < b.guid ? -1 : 1))
        .map((c) =>
          element(
            'Coding',
            [['guid', c.guid], ['creatingUser', c.coderGuid], ['creationDateTime', utc(c.createdAt) ?? now]],
            element('CodeRef', [['targetGUID', c.codeGuid]]),
          ),
        );
      let noteRef = '';
      if (s.comment !== '') {
        const noteGuid = await derivedGuid(s.guid, 'comment');
        noteRef = element('NoteRef', [['targetGUID', noteGuid]]);
        notes.push(
          element(
            'Note',
            [
              ['guid', noteGuid],
              ['name', `Comment: ${firstCodePoints(text.slice(s.start, s.end), 40)}`],
              ['creatingUser', s.coderGuid],
              ['creationDateTime', utc(s.createdAt) ?? now],
            ],
            textElement('PlainTextContent', s.comment),
          ),
        );
      }
      selections.push(
        element(
          'PlainTextSelection',
          [
            ['guid', s.guid],
            ['name', firstCodePoints(text.slice(s.start, s.end), NAME_LENGTH)],
            ['startPosition', position(s.start)],
            ['endPosition', position(s.end)],
            ['creatingUser', s.coderGuid],
            ['creationDateTime', utc(s.createdAt) ?? now],
          ],
          [...codings, noteRef, ...memoRefs('segment', s.guid)],
        ),
      );
    }
    const values = Object.entries(d.variables)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .filter(([, value]) => value !== '')
      .map(([name, value]) => {
        const type = refiType(variableTypes.get(name) ?? 'text', [value]);
        const valueElement = type === 'Text' ? 'TextValue' : `${type}Value`;
        return element('VariableValue', [], [element('VariableRef', [['targetGUID', variableGuids.get(name)]]), textElement(valueElement, value)]);
      });
    sources.push(
      element(
        'TextSource',
        [
          ['guid', d.guid],
          ['name', d.name],
          ['plainTextPath', internalPath(d.guid)],
          ['creationDateTime', utc(d.createdAt)],
          ['modifiedDateTime', utc(d.updatedAt)],
        ],
        [...selections, ...memoRefs('document', d.guid), ...values],
      ),
    );
  }

  const memberOf = new Set(documents.map((d) => d.guid));
  const sets = [...data.groups]
    .sort((a, b) => a.order - b.order || (a.guid < b.guid ? -1 : 1))
    .map((g) =>
      element(
        'Set',
        [['guid', g.guid], ['name', g.name]],
        [
          g.description ? textElement('Description', g.description) : '',
          ...[...g.documentGuids].filter((d) => memberOf.has(d)).sort().map((d) => element('MemberSource', [['targetGUID', d]])),
        ],
      ),
    );

  // Themes: a Set of codes each, Description = definition and scope note (themeDescription).
  const existingCodes = new Set(data.codes.map((c) => c.guid));
  for (const { theme } of themeTree(data.themes)) {
    const members = theme.codeGuids.filter((g, i) => existingCodes.has(g) && theme.codeGuids.indexOf(g) === i);
    if (members.length === 0) continue;
    const description = themeDescription(theme.definition, theme.scopeNote);
    sets.push(
      element(
        'Set',
        [['guid', theme.guid], ['name', theme.name]],
        [description ? textElement('Description', description) : '', ...members.map((g) => element('MemberCode', [['targetGUID', g]]))],
      ),
    );
  }

  const project = element(
    'Project',
    [
      ['xmlns', PROJECT_NS],
      ['name', data.project.name],
      // Read back by conventionOf (import-sources.ts) to break ties between position conventions.
      ['origin', opts.positions === 'utf16' ? `${ORIGIN} (positions in UTF-16 code units)` : ORIGIN],
      ['creatingUserGUID', data.coders.some((c) => c.guid === data.project.ownerCoderGuid) ? data.project.ownerCoderGuid : undefined],
      ['creationDateTime', utc(data.project.createdAt)],
      ['modifiedDateTime', now],
    ],
    [
      container('Users', users),
      codes.length > 0 ? element('CodeBook', [], container('Codes', codes)) : '',
      container('Variables', variables),
      container('Sources', sources),
      container('Notes', notes),
      container('Sets', sets),
      ...memoRefs('project', null),
    ],
  );

  const zip = new JSZip();
  const entry = { date: new Date(now), createFolders: false };
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  zip.file('project.qde', utf8(`<?xml version="1.0" encoding="utf-8"?>\n${project}\n`), entry);
  for (const d of documents) zip.file(sourcePath(d.guid), utf8(texts.get(d.guid) ?? ''), entry);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { bytes, lost: lostInExport(data) };
}

/** Where a theme's scope note starts in its Set's Description (after the definition and a blank line). */
export const SCOPE_NOTE_LABEL = 'Scope note: ';

/** A theme's definition, then its scope note after a blank line and SCOPE_NOTE_LABEL. */
export function themeDescription(definition: string, scopeNote: string): string {
  if (scopeNote === '') return definition;
  return definition === '' ? `${SCOPE_NOTE_LABEL}${scopeNote}` : `${definition}\n\n${SCOPE_NOTE_LABEL}${scopeNote}`;
}

/** The definition and scope note of a theme back from its Set's Description. */
export function splitThemeDescription(description: string): { definition: string; scopeNote: string } {
  if (description.startsWith(SCOPE_NOTE_LABEL)) return { definition: '', scopeNote: description.slice(SCOPE_NOTE_LABEL.length) };
  const at = description.indexOf(`\n\n${SCOPE_NOTE_LABEL}`);
  if (at === -1) return { definition: description, scopeNote: '' };
  return { definition: description.slice(0, at), scopeNote: description.slice(at + 2 + SCOPE_NOTE_LABEL.length) };
}

/**
 * The REFI-QDA type of a variable: numbers are Integer when every value is a whole number, else
 * Float; dates are Date; yes/no is Boolean.
 */
function refiType(type: VariableType, values: readonly string[]): 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' {
  switch (type) {
    case 'text':
      return 'Text';
    case 'boolean':
      return 'Boolean';
    case 'date':
      return 'Date';
    case 'number':
      return values.every((v) => v === '' || /^-?\d+$/.test(v)) ? 'Integer' : 'Float';
  }
}
