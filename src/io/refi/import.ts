/**
 * Reading `.qdpx`, `.qde` and `.qdc` into a project: read the container -> parse the XML ->
 * users, codes, sources, notes, variables -> a ProjectData and a report of everything not carried
 * over (standard section 7). Only structural damage fails the whole import; a damaged element is
 * reported and left out.
 */
import { fail, ok, type Result } from '../../domain/assert';
import { createGuid } from '../../domain/ids';
import type { Coding, DocumentRecord, DocumentText, Guid, Project, Segment } from '../../domain/model';
import { normalizeText, sha256Hex } from '../../domain/text';
import { detectTurns } from '../../domain/turns';
import { decodeText, findFile, readContainer, type RefiContainer } from './container';
import { ImportContext } from './import-context';
import { conventionOf, importSelections, readSelections, type ImportedSelection } from './import-sources';
import type { RefiDocumentReport, RefiFailure, RefiImport } from './types';
import { attr, child, childrenNamed, type XmlElement } from './xml';

const baseName = (fileName: string): string => fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '') || 'Imported project';

const OTHER_SOURCES: Readonly<Record<string, string>> = {
  pdfsource: 'PDF document',
  picturesource: 'picture',
  audiosource: 'audio file',
  videosource: 'video',
};

/**
 * A REFI-QDA file as a Markeer project. `.qdc` gives a project with the codebook only; a `.qde`
 * alone has texts only where they are inside it (`PlainTextContent`).
 */
export async function importRefi(fileName: string, bytes: Uint8Array): Promise<Result<RefiImport, RefiFailure>> {
  const read = await readContainer(fileName, bytes);
  if (!read.ok) return read;
  const root = read.value.root;
  const kind = root.name.toLowerCase();
  if (kind !== 'project' && kind !== 'codebook') {
    return fail('refi-not-project', `${read.value.xmlName}: the root element is <${root.name}>, not <Project> or <CodeBook>`);
  }
  return ok(await importProject(fileName, read.value, kind === 'codebook'));
}

interface NoteInfo {
  readonly name: string;
  readonly text: string;
  used: boolean;
}

function readNotes(ctx: ImportContext, container: RefiContainer, notesEl: XmlElement | undefined): Map<Guid, NoteInfo> {
  const notes = new Map<Guid, NoteInfo>();
  for (const note of notesEl ? childrenNamed(notesEl, 'Note') : []) {
    const name = attr(note, 'name')?.trim() || 'unnamed note';
    const guid = ctx.guid(attr(note, 'guid'), `note “${name}”`, 'note');
    let text = child(note, 'PlainTextContent')?.text;
    const path = attr(note, 'plainTextPath');
    if (text === undefined && path) {
      const file = findFile(container, path);
      if (file) text = normalizeText(decodeText(file.bytes).text);
    }
    text ??= child(note, 'Description')?.text ?? '';
    notes.set(guid, { name, text, used: false });
  }
  return notes;
}

function variableValue(el: XmlElement): string | undefined {
  const value = el.children.find((c) => /^(Text|Boolean|Integer|Float|Date|DateTime)Value$/i.test(c.name));
  return value?.text.trim();
}

async function importProject(fileName: string, container: RefiContainer, codebookOnly: boolean): Promise<RefiImport> {
  const root = container.root;
  const importedAt = new Date().toISOString();
  const projectGuid = createGuid();
  const projectDate = new Date(attr(root, 'creationDateTime') ?? '');
  const ctx = new ImportContext(projectGuid, codebookOnly || Number.isNaN(projectDate.getTime()) ? importedAt : projectDate.toISOString());
  ctx.checkEmptyContainers(root, container.xmlName);

  const usersEl = child(root, 'Users');
  ctx.addUsers(usersEl ? childrenNamed(usersEl, 'User') : []);
  const codesEl = codebookOnly ? child(root, 'Codes') : child(child(root, 'CodeBook') ?? root, 'Codes');
  ctx.addCodes(codesEl);

  const variables = new Map<Guid, string>();
  const variablesEl = child(root, 'Variables');
  for (const v of variablesEl ? childrenNamed(variablesEl, 'Variable') : []) {
    const name = attr(v, 'name')?.trim() || 'unnamed variable';
    variables.set(ctx.guid(attr(v, 'guid'), `variable “${name}”`, 'variable'), name);
  }
  const notes = readNotes(ctx, container, child(root, 'Notes'));

  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const segments: Segment[] = [];
  const codings: Coding[] = [];
  const reports: RefiDocumentReport[] = [];
  const selections = new Map<Guid, ImportedSelection>();
  const documentVariables = new Map<Guid, Record<string, string>>();

  const sourcesEl = child(root, 'Sources');
  for (const source of sourcesEl?.children ?? []) {
    const kind = source.name.toLowerCase();
    const name = attr(source, 'name')?.trim() || attr(source, 'plainTextPath')?.replace(/^.*[/\\]/, '') || `Document ${documents.length + 1}`;
    if (kind !== 'textsource') {
      const what = OTHER_SOURCES[kind];
      ctx.discarded.push(what ? `${what} “${name}”: Markeer imports text documents only` : `<${source.name}> “${name}”: not a kind of source Markeer knows`);
      continue;
    }
    const rawSelections = readSelections(source);
    const lostSelections = rawSelections.length > 0 ? ` and its ${rawSelections.length} selection${rawSelections.length === 1 ? '' : 's'}` : '';
    let decoded = child(source, 'PlainTextContent')?.text;
    const path = attr(source, 'plainTextPath');
    if (decoded === undefined && path) {
      const file = findFile(container, path);
      if (file) {
        const d = decodeText(file.bytes);
        if (d.lossy) ctx.warnings.push(`the text of “${name}” is not UTF-8; it was read as Windows-1252`);
        decoded = d.text;
      }
    }
    if (decoded === undefined) {
      const why = !container.isZip
        ? 'its text is not inside this .qde (import the .qdpx to get the texts)'
        : path
          ? `its text file ${path} is missing from the zip`
          : 'it has no plain text (only rich text)';
      ctx.discarded.push(`document “${name}”${lostSelections}: ${why}`);
      continue;
    }
    const documentGuid = ctx.guid(attr(source, 'guid'), `document “${name}”`, 'source');
    const imported = importSelections(ctx, name, documentGuid, decoded, rawSelections, conventionOf(attr(root, 'origin')));
    reports.push(imported.report);
    for (const sel of imported.selections) {
      selections.set(sel.selectionGuid, sel);
      segments.push(...sel.segments);
      for (const c of sel.codings) {
        codings.push({
          guid: c.guid,
          projectGuid,
          segmentGuid: c.segment.guid,
          documentGuid,
          codeGuid: c.codeGuid,
          coderGuid: c.coderGuid,
          createdAt: c.createdAt,
        });
      }
    }
    const values: Record<string, string> = {};
    for (const vv of childrenNamed(source, 'VariableValue')) {
      const ref = child(vv, 'VariableRef');
      const varName = variables.get(ctx.ref(ref ? attr(ref, 'targetGUID') : undefined) ?? '');
      const value = variableValue(vv);
      if (varName === undefined || value === undefined) ctx.discarded.push(`a variable value of “${name}”: its variable or value is missing`);
      else values[varName] = value;
    }
    documentVariables.set(documentGuid, values);
    for (const ref of childrenNamed(source, 'NoteRef')) {
      const note = notes.get(ctx.ref(attr(ref, 'targetGUID')) ?? '');
      if (note) {
        note.used = true;
        ctx.discarded.push(`note “${note.name}” on document “${name}”: document memos are not imported yet`);
      }
    }
    const wholeCodings = childrenNamed(source, 'Coding').length;
    if (wholeCodings > 0) ctx.discarded.push(`${wholeCodings} coding${wholeCodings === 1 ? '' : 's'} of the whole document “${name}”: Markeer codes ranges of text`);
    const text = imported.text;
    documents.push({
      guid: documentGuid,
      projectGuid,
      name,
      length: text.length,
      sha256: await sha256Hex(text),
      createdAt: ctx.date(attr(source, 'creationDateTime')),
      updatedAt: ctx.date(attr(source, 'modifiedDateTime') ?? attr(source, 'creationDateTime')),
      variables: values,
      speakerMap: {},
      order: documents.length,
      source: name,
    });
    texts.push({ documentGuid, projectGuid, text, turns: detectTurns(text) });
  }

  // Comments: every shape of a memo on a selection (README "Memos differ by vendor").
  const comments = new Map<Guid, string[]>();
  const addComment = (selectionGuid: Guid, text: string): void => {
    if (text.trim() === '') return;
    const list = comments.get(selectionGuid);
    if (list) list.push(text);
    else comments.set(selectionGuid, [text]);
  };
  for (const sel of selections.values()) {
    addComment(sel.selectionGuid, sel.description); // MAXQDA: a selection with a Description
    for (const g of sel.noteRefs) {
      const note = notes.get(g); // standard and NVivo: NoteRef to a Note
      if (note) {
        note.used = true;
        addComment(sel.selectionGuid, note.text);
      }
    }
  }
  const linksEl = child(root, 'Links');
  for (const link of linksEl ? childrenNamed(linksEl, 'Link') : []) {
    const a = ctx.ref(attr(link, 'originGUID')) ?? '';
    const b = ctx.ref(attr(link, 'targetGUID')) ?? '';
    const [noteGuid, selectionGuid] = notes.has(a) && selections.has(b) ? [a, b] : notes.has(b) && selections.has(a) ? [b, a] : [null, null];
    if (noteGuid && selectionGuid) {
      // ATLAS.ti: a Note and a Link between it and the selection.
      const note = notes.get(noteGuid)!;
      note.used = true;
      addComment(selectionGuid, note.text);
    } else ctx.discarded.push(`link “${attr(link, 'name') ?? attr(link, 'guid') ?? ''}”: links between elements are not imported`);
  }
  for (const note of childrenNamed(child(root, 'Notes') ?? root, 'Note')) {
    // QualCoder: a Note holding a PlainTextSelection that names the selection it is about.
    for (const inner of childrenNamed(note, 'PlainTextSelection')) {
      const g = ctx.ref(attr(inner, 'guid')) ?? '';
      const info = notes.get(ctx.ref(attr(note, 'guid')) ?? '');
      if (info && selections.has(g)) {
        info.used = true;
        addComment(g, info.text);
      }
    }
  }
  // Markeer keeps one segment per coder and range: selections of the same user over the same
  // range become one segment with all their codes and comments.
  const kept = new Map<string, Segment>();
  const alias = new Map<Guid, Guid>();
  for (const s of segments) {
    const key = `${s.documentGuid} ${s.coderGuid} ${s.start} ${s.end}`;
    const first = kept.get(key);
    if (first) alias.set(s.guid, first.guid);
    else kept.set(key, s);
  }
  if (alias.size > 0) ctx.warnings.push(`${alias.size} selection${alias.size === 1 ? '' : 's'} repeating a user's selection over the same text ${alias.size === 1 ? 'was' : 'were'} merged into it`);
  const commented = new Map<Guid, string[]>();
  for (const [selectionGuid, list] of comments) {
    for (const seg of selections.get(selectionGuid)?.segments ?? []) {
      const target = alias.get(seg.guid) ?? seg.guid;
      commented.set(target, [...(commented.get(target) ?? []), ...list]);
    }
  }
  const finalSegments = [...kept.values()].map((s) => (commented.has(s.guid) ? { ...s, comment: commented.get(s.guid)!.join('\n\n') } : s));
  const codingKeys = new Set<string>();
  const finalCodings = codings
    .map((c) => ({ ...c, segmentGuid: alias.get(c.segmentGuid) ?? c.segmentGuid }))
    .filter((c) => {
      const key = `${c.segmentGuid} ${c.codeGuid}`;
      if (codingKeys.has(key)) return false;
      codingKeys.add(key);
      return true;
    });
  for (const [, note] of notes) if (!note.used) ctx.discarded.push(`note “${note.name}”: notes not attached to a selection (project memos) are not imported yet`);

  // Cases (MAXQDA, Quirkos: name-less cases with one SourceRef) carry document variables.
  const casesEl = child(root, 'Cases');
  for (const c of casesEl ? childrenNamed(casesEl, 'Case') : []) {
    const caseName = attr(c, 'name')?.trim();
    const docs = childrenNamed(c, 'SourceRef')
      .map((r) => ctx.ref(attr(r, 'targetGUID')) ?? '')
      .filter((g) => documentVariables.has(g));
    const values = childrenNamed(c, 'VariableValue');
    for (const vv of values) {
      const ref = child(vv, 'VariableRef');
      const varName = variables.get(ctx.ref(ref ? attr(ref, 'targetGUID') : undefined) ?? '');
      const value = variableValue(vv);
      if (varName === undefined || value === undefined) continue;
      for (const d of docs) documentVariables.get(d)![varName] = value;
    }
    if (caseName || values.length === 0 || childrenNamed(c, 'CodeRef').length + childrenNamed(c, 'SelectionRef').length > 0) {
      ctx.discarded.push(`case ${caseName ? `“${caseName}”` : attr(c, 'guid') ?? ''}${values.length > 0 ? ' (its variables were given to its documents)' : ''}: cases are not imported`);
    }
  }

  const setsEl = child(root, 'Sets');
  for (const set of setsEl ? childrenNamed(setsEl, 'Set') : []) {
    const members = [
      [childrenNamed(set, 'MemberSource').length, 'document'],
      [childrenNamed(set, 'MemberCode').length, 'code'],
      [childrenNamed(set, 'MemberNote').length, 'note'],
    ] as const;
    const what = members.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`).join(', ') || 'empty';
    ctx.discarded.push(`set “${attr(set, 'name') ?? ''}” (${what}): ${childrenNamed(set, 'MemberSource').length > 0 ? 'document groups are not imported yet' : 'sets are not imported'}`);
  }
  const graphsEl = child(root, 'Graphs');
  for (const g of graphsEl ? childrenNamed(graphsEl, 'Graph') : []) ctx.discarded.push(`graph “${attr(g, 'name') ?? ''}”: graphs are not imported`);
  if (!codebookOnly && child(root, 'Description')) ctx.discarded.push('the project description');

  const ownerRaw = ctx.ref(attr(root, 'creatingUserGUID'));
  const owner = ownerRaw && ctx.coders.has(ownerRaw) ? ctx.coders.get(ownerRaw)! : ([...ctx.coders.values()][0] ?? ctx.coder(undefined, 'the file lists no users, so the project has no owner'));
  ctx.finishWarnings();
  const createdAt = ctx.fallbackDate;
  const project: Project = {
    guid: projectGuid,
    name: (codebookOnly ? '' : attr(root, 'name')?.trim()) || baseName(fileName),
    createdAt,
    updatedAt: attr(root, 'modifiedDateTime') ? ctx.date(attr(root, 'modifiedDateTime')) : createdAt,
    ownerCoderGuid: owner.guid,
    template: null,
  };
  return {
    data: {
      project,
      coders: [...ctx.coders.values()],
      documents: documents.map((d) => ({ ...d, variables: documentVariables.get(d.guid) ?? d.variables })),
      texts,
      codes: [...ctx.codes.values()],
      segments: finalSegments,
      codings: finalCodings,
      variables: [],
      groups: [],
      memos: [],
    },
    report: { discarded: ctx.discarded, positionConvention: reports, warnings: ctx.warnings },
  };
}
