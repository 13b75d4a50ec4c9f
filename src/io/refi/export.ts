/**
 * Writing REFI-QDA strictly (README "Container", "XML"): `project.qde` plus `sources/<guid>.txt`
 * (UTF-8, no byte-order mark) for each document and for each memo kept in a file, every element in
 * the schema's sequence order, no empty container, lower-case GUIDs that stay the same across
 * exports, UTC dates. What QualCoder's importer (refi.py) needs is written too: see export-notes.ts,
 * export-codes.ts and export-variables.ts.
 */
import JSZip from 'jszip';
import type { Guid, Segment } from '../../domain/model';
import { themeTree } from '../../domain/themes';
import type { ProjectData } from '../../domain/project-data';
import { codeElements, codeNames } from './export-codes';
import { unwritableCharacters } from './export-losses';
import { utc, writeNotes } from './export-notes';
import { variableValues, writtenVariables } from './export-variables';
import { firstCodePoints } from './naming';
import { codePointPrefix } from './positions';
import type { ExportOptions, QdpxExport } from './types';
import { container, element, textElement } from './xml';

export { exportQdc } from './export-codes';
export { derivedGuid, untitledNoteName } from './naming';

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const ORIGIN = 'Markeer';
/** Longest selection `name` written, in code points. */
const NAME_LENGTH = 100;

/** Where a document's text lives in the zip, and how project.qde refers to it. */
export const sourcePath = (documentGuid: Guid): string => `sources/${documentGuid}.txt`;
const internalPath = (documentGuid: Guid): string => `internal://${documentGuid}.txt`;

/** What a `.qdpx` cannot carry: the user sees this before sharing the file. */
function lostInExport(data: ProjectData): string[] {
  const lost: string[] = [];
  for (const d of data.documents) {
    const renames = Object.entries(d.speakerMap);
    if (renames.length > 0) lost.push(`speaker names changed or dropped in “${d.name}” (${renames.length})`);
  }
  for (const c of data.codes) if (c.shortcut !== null) lost.push(`shortcut key ${c.shortcut} of code “${c.name}”`);
  if (data.coders.length > 0) lost.push('coder colours');
  // Themes are Sets of codes: what a Set cannot hold is lost.
  const codeGuids = new Set(data.codes.map((c) => c.guid));
  const themeGuids = new Set(data.themes.map((t) => t.guid));
  for (const t of data.themes) {
    if (!t.codeGuids.some((g) => codeGuids.has(g))) lost.push(`theme “${t.name}”: it has no codes, and a set of codes needs at least one`);
    else if (t.parentGuid !== null && themeGuids.has(t.parentGuid)) lost.push(`theme “${t.name}” being a sub-theme of “${data.themes.find((p) => p.guid === t.parentGuid)?.name ?? ''}”`);
    if (t.quoteSegmentGuids.length > 0) lost.push(`the ${t.quoteSegmentGuids.length} quotation${t.quoteSegmentGuids.length === 1 ? '' : 's'} picked for theme “${t.name}”`);
  }
  if (data.themes.some((t) => t.codeGuids.some((g) => codeGuids.has(g)))) lost.push('theme colours and the order of themes');
  const formatted = data.memos.filter((m) => m.rich !== null).length;
  if (formatted > 0) lost.push(`the formatting (bold, lists, headings) of ${formatted} memo${formatted === 1 ? '' : 's'}: their text is kept`);
  return lost;
}

/** A `<Description>`, or nothing for an empty text. */
const description = (text: string): string => (text === '' ? '' : textElement('Description', text));

/** Converts a UTF-16 offset in a document's text to a position in the file: code points, or UTF-16 units as they are. */
function positionsIn(texts: ReadonlyMap<Guid, string>, unit: ExportOptions['positions']): (documentGuid: Guid, offset: number) => number {
  if (unit === 'utf16') return (_, offset) => offset;
  const prefixes = new Map<Guid, Int32Array>();
  return (documentGuid, offset) => {
    let prefix = prefixes.get(documentGuid);
    if (!prefix) {
      prefix = codePointPrefix(texts.get(documentGuid) ?? '');
      prefixes.set(documentGuid, prefix);
    }
    return prefix[offset]!;
  };
}

/**
 * A project as a `.qdpx`. Positions are code points as the standard says, or UTF-16 code units
 * for NVivo. Memos and comments become `Note`s (export-notes.ts); a segment's comment is also its
 * selection's `Description`, and a document's memos its TextSource's `Description`; document
 * variables become project `Variables`, each value written as its variable's type. Every text
 * source names its creator (the project owner), who is among the `Users`.
 */
export async function exportQdpx(data: ProjectData, opts: ExportOptions): Promise<QdpxExport> {
  const now = utc(opts.now) ?? new Date().toISOString();
  const texts = new Map(data.texts.map((t) => [t.documentGuid, t.text]));
  const position = positionsIn(texts, opts.positions);
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
  // The creator of the project and its texts: the owner, else the first coder; a project without
  // coders gets a user for its owner, so that no importer invents one (QualCoder names it "default").
  const users = [...data.coders].sort((a, b) => (a.guid < b.guid ? -1 : 1)).map((c) => element('User', [['guid', c.guid], ['name', c.name]]));
  const creator = data.coders.some((c) => c.guid === data.project.ownerCoderGuid) ? data.project.ownerCoderGuid : (data.coders[0]?.guid ?? data.project.ownerCoderGuid);
  if (users.length === 0) users.push(element('User', [['guid', creator], ['name', 'Owner']]));
  const notes = await writeNotes(data, position, now, creator);
  const variables = await writtenVariables(data.project.guid, data.variables, documents);
  const names = codeNames(data.codes, opts.uniqueCodeNames ?? false);

  const applied = new Set(data.codings.map((c) => c.codeGuid));
  const codes = codeElements(data.codes, applied, names.names, (code) => notes.refs('code', code.guid));
  const sources: string[] = [];
  for (const d of documents) {
    const text = texts.get(d.guid) ?? '';
    const segments = [...(segmentsByDocument.get(d.guid) ?? [])].sort((a, b) => a.start - b.start || a.end - b.end || (a.guid < b.guid ? -1 : 1));
    const selections = segments.map((s) => {
      const codings = [...(codingsBySegment.get(s.guid) ?? [])]
        .sort((a, b) => (a.guid < b.guid ? -1 : 1))
        .map((c) =>
          element(
            'Coding',
            [['guid', c.guid], ['creatingUser', c.coderGuid], ['creationDateTime', utc(c.createdAt) ?? now]],
            element('CodeRef', [['targetGUID', c.codeGuid]]),
          ),
        );
      return element(
        'PlainTextSelection',
        [
          ['guid', s.guid],
          ['name', firstCodePoints(text.slice(s.start, s.end), NAME_LENGTH)],
          ['startPosition', position(d.guid, s.start)],
          ['endPosition', position(d.guid, s.end)],
          ['creatingUser', s.coderGuid],
          ['creationDateTime', utc(s.createdAt) ?? now],
        ],
        // The comment as Description too: QualCoder (and MAXQDA) read a selection's note from it.
        [description(notes.selectionDescription(s)), ...codings, notes.commentRef(s.guid), ...notes.refs('segment', s.guid)],
      );
    });
    const memos = notes.description(d.guid);
    sources.push(
      element(
        'TextSource',
        [
          ['guid', d.guid],
          ['name', d.name],
          ['plainTextPath', internalPath(d.guid)],
          ['creatingUser', creator],
          ['creationDateTime', utc(d.createdAt)],
          ['modifiedDateTime', utc(d.updatedAt)],
        ],
        [
          description(memos),
          ...selections,
          ...notes.refs('document', d.guid),
          ...notes.annotationRefs(d.guid),
          ...variableValues(d, variables.variables),
        ],
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
      // Read back by conventionOf (import-selections.ts) to break ties between position conventions.
      ['origin', opts.positions === 'utf16' ? `${ORIGIN} (positions in UTF-16 code units)` : ORIGIN],
      ['creatingUserGUID', creator],
      ['creationDateTime', utc(data.project.createdAt)],
      ['modifiedDateTime', now],
    ],
    [
      container('Users', users),
      codes.length > 0 ? element('CodeBook', [], container('Codes', codes)) : '',
      container('Variables', variables.variables.map((v) => v.xml)),
      container('Sources', sources),
      container('Notes', [...notes.notes]),
      container('Sets', sets),
      ...notes.refs('project', null),
    ],
  );

  const zip = new JSZip();
  const entry = { date: new Date(now), createFolders: false };
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  zip.file('project.qde', utf8(`<?xml version="1.0" encoding="utf-8"?>\n${project}\n`), entry);
  for (const d of documents) zip.file(sourcePath(d.guid), utf8(texts.get(d.guid) ?? ''), entry);
  for (const f of notes.files) zip.file(f.path, utf8(f.text), entry);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  const lost = [...lostInExport(data), ...unwritableCharacters(data, new Set(notes.files.map((f) => f.path))), ...names.report, ...variables.report];
  return { bytes, lost };
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
