/**
 * `Sources`: each `TextSource` into a document with its text and variable values, and its
 * `PlainTextSelection`s into segments and codings (import-selections.ts). Other kinds of source
 * are reported, and so is a text source whose text is missing.
 */
import type { Coding, DocumentRecord, DocumentText, Guid, Segment } from '../../domain/model';
import { lengthOverLimit, MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { normalizeText, sha256Hex } from '../../domain/text';
import { detectTurns } from '../../domain/turns';
import { decodeText, findFile, unsafeReference, type RefiContainer } from './container';
import type { ImportContext } from './import-context';
import { conventionOf, importSelections, readSelections, type ImportedSelection, type MarkeerRange } from './import-selections';
import { readVariableValues, type DocumentValues, type ImportedVariables } from './import-variables';
import type { RefiDocumentReport } from './types';
import { attr, child, childrenNamed, type XmlElement } from './xml';

/** A text source as imported, with what notes about it need later. */
export interface ImportedSource {
  readonly documentGuid: Guid;
  readonly name: string;
  /** The normalised text. */
  readonly text: string;
  /** Positions in this source's convention as a range of its text; null when they lie outside it. */
  readonly toRange: (start: number, end: number) => MarkeerRange | null;
  /** The notes its `NoteRef`s name, in file order. */
  readonly noteRefs: readonly Guid[];
  /** Its `Description`, undefined when it has none. */
  readonly description: string | undefined;
  readonly creatingUser: string | undefined;
  readonly createdAt: string;
}

export interface ImportedSources {
  readonly documents: DocumentRecord[];
  readonly texts: DocumentText[];
  readonly sources: ImportedSource[];
  /** By the selection's GUID in the file. */
  readonly selections: Map<Guid, ImportedSelection>;
  readonly segments: Segment[];
  readonly codings: Coding[];
  readonly reports: RefiDocumentReport[];
  /** Each document's variable values by name. */
  readonly values: DocumentValues;
}

const OTHER_SOURCES: ReadonlyMap<string, string> = new Map([
  ['pdfsource', 'PDF document'],
  ['picturesource', 'picture'],
  ['audiosource', 'audio file'],
  ['videosource', 'video'],
]);

/**
 * The text sources of `Sources`. A source without its text (a `.qde` alone, a missing file) is
 * reported with its selections.
 */
export async function importSources(ctx: ImportContext, container: RefiContainer, variables: ImportedVariables): Promise<ImportedSources> {
  const root = container.root;
  const out: ImportedSources = { documents: [], texts: [], sources: [], selections: new Map(), segments: [], codings: [], reports: [], values: new Map() };
  const sourcesEl = child(root, 'Sources');
  for (const source of sourcesEl?.children ?? []) {
    const kind = source.name.toLowerCase();
    const name = attr(source, 'name')?.trim() || attr(source, 'plainTextPath')?.replace(/^.*[/\\]/, '') || `Document ${out.documents.length + 1}`;
    if (kind !== 'textsource') {
      const what = OTHER_SOURCES.get(kind);
      ctx.discarded.push(what ? `${what} “${name}”: Markeer imports text documents only` : `<${source.name}> “${name}”: not a kind of source Markeer knows`);
      continue;
    }
    const rawSelections = readSelections(source);
    const decoded = sourceText(ctx, container, source, name);
    if (!decoded.ok) {
      const lostSelections = rawSelections.length > 0 ? ` and its ${rawSelections.length} selection${rawSelections.length === 1 ? '' : 's'}` : '';
      ctx.discarded.push(`document “${name}”${lostSelections}: ${decoded.why}`);
      continue;
    }
    const length = decoded.text.length > MAX_DOCUMENT_CHARS ? normalizeText(decoded.text).length : 0;
    if (length > MAX_DOCUMENT_CHARS) {
      const lostSelections = rawSelections.length > 0 ? ` and its ${rawSelections.length} selection${rawSelections.length === 1 ? '' : 's'}` : '';
      ctx.discarded.push(`document “${name}”${lostSelections}: ${lengthOverLimit(length)}`);
      continue;
    }
    const documentGuid = ctx.guid(attr(source, 'guid'), `document “${name}”`, 'source');
    const imported = importSelections(ctx, name, documentGuid, decoded.text, rawSelections, conventionOf(attr(root, 'origin')));
    out.reports.push(imported.report);
    for (const sel of imported.selections) {
      out.selections.set(sel.selectionGuid, sel);
      out.segments.push(...sel.segments);
      for (const c of sel.codings) {
        out.codings.push({ guid: c.guid, projectGuid: ctx.projectGuid, segmentGuid: c.segment.guid, documentGuid, codeGuid: c.codeGuid, coderGuid: c.coderGuid, createdAt: c.createdAt });
      }
    }
    out.values.set(documentGuid, readVariableValues(ctx, source, variables, `“${name}”`));
    const wholeCodings = childrenNamed(source, 'Coding').length;
    if (wholeCodings > 0) ctx.discarded.push(`${wholeCodings} coding${wholeCodings === 1 ? '' : 's'} of the whole document “${name}”: Markeer codes ranges of text`);
    const text = imported.text;
    out.documents.push({
      guid: documentGuid,
      projectGuid: ctx.projectGuid,
      name,
      length: text.length,
      sha256: await sha256Hex(text),
      createdAt: ctx.date(attr(source, 'creationDateTime')),
      updatedAt: ctx.date(attr(source, 'modifiedDateTime') ?? attr(source, 'creationDateTime')),
      variables: {},
      speakerMap: {},
      order: out.documents.length,
      source: name,
    });
    out.texts.push({ documentGuid, projectGuid: ctx.projectGuid, text, turns: detectTurns(text) });
    out.sources.push({
      documentGuid,
      name,
      text,
      toRange: imported.toRange,
      noteRefs: childrenNamed(source, 'NoteRef').flatMap((r) => ctx.ref(attr(r, 'targetGUID')) ?? []),
      description: child(source, 'Description')?.text,
      creatingUser: attr(source, 'creatingUser') ?? attr(source, 'modifyingUser'),
      createdAt: attr(source, 'creationDateTime') ?? attr(source, 'modifiedDateTime') ?? '',
    });
  }
  return out;
}

/** A source's text as decoded (byte-order mark kept), from `PlainTextContent` or its file; why not when neither is there. */
function sourceText(ctx: ImportContext, container: RefiContainer, source: XmlElement, name: string): { ok: true; text: string } | { ok: false; why: string } {
  const inline = child(source, 'PlainTextContent')?.text;
  if (inline !== undefined) return { ok: true, text: inline };
  const path = attr(source, 'plainTextPath');
  const file = path ? findFile(container, path) : undefined;
  if (file) {
    const d = decodeText(file.bytes);
    if (d.lossy) ctx.warnings.push(`the text of “${name}” is not UTF-8; it was read as Windows-1252`);
    return { ok: true, text: d.text };
  }
  if (!container.isZip) return { ok: false, why: 'its text is not inside this .qde (import the .qdpx to get the texts)' };
  const unsafe = path ? unsafeReference(path) : undefined;
  if (unsafe) return { ok: false, why: `its text file ${path} is an unsafe path (${unsafe}), so it was not read` };
  return { ok: false, why: path ? `its text file ${path} is missing from the zip` : 'it has no plain text (only rich text)' };
}
