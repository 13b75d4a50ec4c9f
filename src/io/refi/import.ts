/**
 * Reading `.qdpx`, `.qde` and `.qdc` into a project: read the container -> parse the XML ->
 * users, codes, sources, notes, variables -> a ProjectData and a report of everything not carried
 * over (standard section 7). Only structural damage fails the whole import; a damaged element is
 * reported and left out.
 */
import { fail, ok, type Result } from '../../domain/assert';
import { createGuid } from '../../domain/ids';
import type { Coding, DocumentGroup, DocumentRecord, DocumentText, Guid, Memo, MemoTargetKind, Project, Segment, Theme, VariableDefinition, VariableType } from '../../domain/model';
import { canonicalValue } from '../../domain/variables';
import { derivedGuid, splitThemeDescription, untitledNoteName } from './export';
import { newTheme, nextThemeColor } from '../../domain/themes';
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
  readonly guid: Guid;
  readonly name: string;
  /** The note's name as written ('' when it has none): a memo's title. */
  readonly title: string;
  readonly text: string;
  readonly creatingUser: string | undefined;
  readonly createdAt: string | undefined;
  readonly modifiedAt: string | undefined;
  used: boolean;
}

/** REFI-QDA's typeOfVariable as a Markeer variable type (DateTime keeps its date). */
const VARIABLE_TYPES: Readonly<Record<string, VariableType>> = { text: 'text', boolean: 'boolean', integer: 'number', float: 'number', date: 'date', datetime: 'date' };

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
    notes.set(guid, {
      guid,
      name,
      title: attr(note, 'name')?.trim() ?? '',
      text,
      creatingUser: attr(note, 'creatingUser'),
      createdAt: attr(note, 'creationDateTime'),
      modifiedAt: attr(note, 'modifiedDateTime'),
      used: false,
    });
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
  const variableDefs: VariableDefinition[] = [];
  const variablesEl = child(root, 'Variables');
  for (const v of variablesEl ? childrenNamed(variablesEl, 'Variable') : []) {
    const name = attr(v, 'name')?.trim() || 'unnamed variable';
    const guid = ctx.guid(attr(v, 'guid'), `variable “${name}”`, 'variable');
    if (variableDefs.some((d) => d.name === name)) {
      ctx.warnings.push(`variable “${name}” is defined twice; its values were put together`);
    } else {
      const rawType = attr(v, 'typeOfVariable') ?? 'Text';
      const type = VARIABLE_TYPES[rawType.toLowerCase()];
      if (!type) ctx.warnings.push(`variable “${name}”: type “${rawType}” is not a REFI-QDA type; it was read as text`);
      if (rawType.toLowerCase() === 'datetime') ctx.warnings.push(`variable “${name}”: date-times keep their date only`);
      variableDefs.push({ guid, projectGuid, name, type: type ?? 'text', order: variableDefs.length });
    }
    variables.set(guid, name);
  }
  const notes = readNotes(ctx, container, child(root, 'Notes'));

  // Memos: one per note, about the first thing that refers to it (README "Memos differ by vendor").
  const memos: Memo[] = [];
  const addMemo = (noteGuid: Guid | undefined, targetKind: MemoTargetKind, targetGuid: Guid | null): void => {
    const note = notes.get(noteGuid ?? '');
    if (!note || note.used) return;
    note.used = true;
    const author = note.creatingUser === undefined ? null : ctx.coder(note.creatingUser);
    const createdAt = ctx.date(note.createdAt);
    memos.push({
      guid: note.guid,
      projectGuid,
      title: note.title === untitledNoteName(note.text) ? '' : note.title,
      text: note.text,
      rich: null,
      targetKind,
      targetGuid,
      authorGuid: author?.guid ?? '',
      createdAt,
      updatedAt: note.modifiedAt ? ctx.date(note.modifiedAt) : createdAt,
    });
  };

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
    for (const ref of childrenNamed(source, 'NoteRef')) addMemo(ctx.ref(attr(ref, 'targetGUID')), 'document', documentGuid);
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
  // A note on a selection is a memo on its segment, except Markeer's own comments (a Note with a
  // GUID derived from the selection's) and MAXQDA's selection Description, which are comments.
  const segmentMemo = (noteGuid: Guid, selectionGuid: Guid): void => {
    const segment = selections.get(selectionGuid)?.segments[0];
    if (segment) addMemo(noteGuid, 'segment', segment.guid);
  };
  for (const sel of selections.values()) {
    addComment(sel.selectionGuid, sel.description); // MAXQDA: a selection with a Description
    const ownComment = sel.noteRefs.length > 0 ? await derivedGuid(sel.selectionGuid, 'comment') : null;
    for (const g of sel.noteRefs) {
      const note = notes.get(g); // standard and NVivo: NoteRef to a Note
      if (note && g === ownComment && !note.used) {
        note.used = true;
        addComment(sel.selectionGuid, note.text);
      } else if (note) segmentMemo(g, sel.selectionGuid);
    }
  }
  const linksEl = child(root, 'Links');
  for (const link of linksEl ? childrenNamed(linksEl, 'Link') : []) {
    const a = ctx.ref(attr(link, 'originGUID')) ?? '';
    const b = ctx.ref(attr(link, 'targetGUID')) ?? '';
    const [noteGuid, selectionGuid] = notes.has(a) && selections.has(b) ? [a, b] : notes.has(b) && selections.has(a) ? [b, a] : [null, null];
    if (noteGuid && selectionGuid) {
      // ATLAS.ti: a Note and a Link between it and the selection.
      segmentMemo(noteGuid, selectionGuid);
    } else ctx.discarded.push(`link “${attr(link, 'name') ?? attr(link, 'guid') ?? ''}”: links between elements are not imported`);
  }
  for (const note of childrenNamed(child(root, 'Notes') ?? root, 'Note')) {
    // QualCoder: a Note holding a PlainTextSelection that names the selection it is about.
    for (const inner of childrenNamed(note, 'PlainTextSelection')) {
      const g = ctx.ref(attr(inner, 'guid')) ?? '';
      const noteGuid = ctx.ref(attr(note, 'guid'));
      if (noteGuid && selections.has(g)) segmentMemo(noteGuid, g);
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
  for (const [codeGuid, noteGuid] of ctx.codeNotes) addMemo(noteGuid, 'code', codeGuid);
  // Notes the project refers to, and notes nothing refers to, are project memos.
  for (const ref of childrenNamed(root, 'NoteRef')) addMemo(ctx.ref(attr(ref, 'targetGUID')), 'project', null);
  for (const note of notes.keys()) addMemo(note, 'project', null);

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

  // Sets of sources are document groups; a set of codes (no sources) is a theme. Notes in sets,
  // and codes in a set that also has sources, are not carried over.
  const groups: DocumentGroup[] = [];
  const themes: Theme[] = [];
  const themeOf = new Map<Guid, string>();
  const imported = new Set(documents.map((d) => d.guid));
  const setsEl = child(root, 'Sets');
  for (const set of setsEl ? childrenNamed(setsEl, 'Set') : []) {
    const name = attr(set, 'name')?.trim() || `Set ${groups.length + themes.length + 1}`;
    const sources = childrenNamed(set, 'MemberSource').map((m) => ctx.ref(attr(m, 'targetGUID')) ?? '');
    // ATLAS.ti names the code with `guid` instead of the standard's `targetGUID`.
    const codeRefs = childrenNamed(set, 'MemberCode').map((m) => ctx.ref(attr(m, 'targetGUID') ?? attr(m, 'guid')) ?? '');
    const noteCount = childrenNamed(set, 'MemberNote').length;
    const notesLost = noteCount > 0 ? `${noteCount} note${noteCount === 1 ? '' : 's'}` : '';
    if (sources.length === 0 && codeRefs.length > 0) {
      const found = [...new Set(codeRefs)].filter((g) => ctx.codes.has(g));
      if (found.length === 0) {
        ctx.discarded.push(`set “${name}”: none of its ${codeRefs.length} code${codeRefs.length === 1 ? ' was' : 's were'} imported, so it is not a theme`);
        continue;
      }
      const taken = new Set(themes.map((t) => t.name.toLowerCase()));
      let themeName = name;
      for (let n = 2; taken.has(themeName.toLowerCase()); n++) themeName = `${name} (${n})`;
      if (themeName !== name) ctx.warnings.push(`set “${name}”: another theme has that name, so it is called “${themeName}”`);
      const guid = ctx.guid(attr(set, 'guid'), `set “${name}”`, 'theme');
      // A code belongs to one theme: the first set that names it keeps it.
      const codeGuids = found.filter((g) => {
        const earlier = themeOf.get(g);
        if (earlier !== undefined) ctx.warnings.push(`code “${ctx.codes.get(g)?.name ?? g}” is in sets “${earlier}” and “${themeName}”: a code belongs to one theme, so it stays in “${earlier}”`);
        else themeOf.set(g, themeName);
        return earlier === undefined;
      });
      const { definition, scopeNote } = splitThemeDescription(child(set, 'Description')?.text ?? '');
      themes.push({ ...newTheme({ projectGuid, name: themeName, color: nextThemeColor(themes), order: themes.length, guid }), definition, scopeNote, codeGuids });
      const missing = new Set(codeRefs).size - found.length;
      if (missing > 0) ctx.discarded.push(`set “${name}”: ${missing} of its codes ${missing === 1 ? 'was' : 'were'} not imported`);
      if (notesLost) ctx.discarded.push(`set “${name}” (${notesLost}): notes in sets are not imported`);
      continue;
    }
    const members = [...new Set(sources.filter((g) => imported.has(g)))];
    const missing = sources.length - members.length;
    if (sources.length > 0 && members.length === 0) {
      ctx.discarded.push(`set “${name}”: none of its ${sources.length} document${sources.length === 1 ? ' was' : 's were'} imported, so it is not a document group`);
    } else if (sources.length > 0 || noteCount === 0) {
      groups.push({ guid: ctx.guid(attr(set, 'guid'), `set “${name}”`, 'set'), projectGuid, name, description: child(set, 'Description')?.text ?? '', documentGuids: members, order: groups.length });
      if (missing > 0) ctx.discarded.push(`set “${name}”: ${missing} of its documents ${missing === 1 ? 'was' : 'were'} not imported`);
    }
    if (sources.length > 0 && codeRefs.length > 0) {
      ctx.discarded.push(`set “${name}” (${codeRefs.length} code${codeRefs.length === 1 ? '' : 's'}): a set of both documents and codes becomes a document group; its codes are left out`);
    }
    if (notesLost) ctx.discarded.push(`set “${name}” (${notesLost}): notes in sets are not imported`);
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
      variables: typedVariables(ctx, variableDefs, documentVariables),
      groups,
      themes,
      attempts: [],
      memos: memos.map((m) => ({
        ...m,
        authorGuid: m.authorGuid === '' ? owner.guid : m.authorGuid,
        // A segment merged into another (same user, same range) hands its memos on.
        targetGuid: m.targetKind === 'segment' && m.targetGuid ? (alias.get(m.targetGuid) ?? m.targetGuid) : m.targetGuid,
      })),
    },
    report: { discarded: ctx.discarded, positionConvention: reports, warnings: ctx.warnings },
  };
}

/**
 * The variables' definitions, with every value brought to its type's canonical form in place. A
 * variable with a value that does not fit its type becomes a text variable, with a warning.
 */
function typedVariables(ctx: ImportContext, definitions: readonly VariableDefinition[], values: Map<Guid, Record<string, string>>): VariableDefinition[] {
  return definitions.map((v) => {
    const all = [...values.values()].filter((vals) => Object.hasOwn(vals, v.name));
    const canonical = all.map((vals) => canonicalValue(v.type, vals[v.name] ?? ''));
    if (canonical.some((c) => c === null)) {
      if (v.type !== 'text') ctx.warnings.push(`variable “${v.name}”: some values are not of type ${v.type}; it was read as text`);
      for (const vals of all) vals[v.name] = (vals[v.name] ?? '').trim();
      return { ...v, type: 'text' };
    }
    all.forEach((vals, i) => {
      vals[v.name] = canonical[i] ?? '';
    });
    return v;
  });
}
