/**
 * Reading `.qdpx`, `.qde` and `.qdc` into a project: read the container -> parse the XML -> restore
 * element by element (users, codes, variables, notes, sources and their selections, notes on
 * selections, sources, codes and the project, descriptions, cases, sets, graphs), each in its own
 * function -> a ProjectData and a report of everything not carried over (standard section 7).
 * Only structural damage fails the whole import; a damaged element is reported and left out.
 */
import { fail, ok, type Result } from '../../domain/assert';
import { createGuid } from '../../domain/ids';
import type { Coder, Memo, Project } from '../../domain/model';
import { readContainer, type RefiContainer } from './container';
import { importCodes, importUsers } from './import-codebook';
import { ImportContext } from './import-context';
import {
  MemoCollector,
  importDocumentNotes,
  importProjectDescription,
  importProjectNotes,
  importSelectionNotes,
  importUnreferencedNotes,
  placeAnnotations,
  readNotes,
  strayAnnotations,
} from './import-notes';
import { importGraphs, importSets } from './import-sets';
import { keepOneSegmentPerRange } from './import-selections';
import { importSources } from './import-sources';
import { importCases, importVariables, typedVariables, variableRecord } from './import-variables';
import type { RefiFailure, RefiImport } from './types';
import { attr, type XmlElement } from './xml';

const baseName = (fileName: string): string => fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '') || 'Imported project';

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

async function importProject(fileName: string, container: RefiContainer, codebookOnly: boolean): Promise<RefiImport> {
  const root = container.root;
  const projectDate = new Date(attr(root, 'creationDateTime') ?? '');
  const ctx = new ImportContext(createGuid(), codebookOnly || Number.isNaN(projectDate.getTime()) ? new Date().toISOString() : projectDate.toISOString());
  ctx.checkEmptyContainers(root, container.xmlName);
  const owner = (): Coder => ctx.owner(attr(root, 'creatingUserGUID'));

  importUsers(ctx, root);
  const codeNotes = importCodes(ctx, root, codebookOnly);
  const variables = importVariables(ctx, root);
  const memos = new MemoCollector(ctx, readNotes(ctx, container));
  const sources = await importSources(ctx, container, variables);

  const comments = await importSelectionNotes(ctx, root, sources, memos);
  const { segments, codings, alias } = keepOneSegmentPerRange(ctx, sources, comments);
  const annotations = importDocumentNotes(sources, memos);
  for (const [codeGuid, noteGuid] of codeNotes) memos.fromNote(noteGuid, 'code', codeGuid);
  importProjectNotes(ctx, root, memos);
  annotations.push(...strayAnnotations(ctx, sources, memos));
  segments.push(...placeAnnotations(ctx, annotations, segments, memos, owner));
  importUnreferencedNotes(memos);
  if (!codebookOnly) importProjectDescription(root, memos);

  importCases(ctx, root, variables, sources.values);
  const variableDefinitions = typedVariables(ctx, variables.definitions, sources.values);
  const { groups, themes } = importSets(ctx, root, new Set(sources.documents.map((d) => d.guid)));
  importGraphs(ctx, root);

  const project = projectRecord(ctx, root, fileName, codebookOnly, owner());
  ctx.finishWarnings();
  return {
    data: {
      project,
      coders: [...ctx.coders.values()],
      documents: sources.documents.map((d) => ({ ...d, variables: variableRecord(sources.values.get(d.guid)) })),
      texts: sources.texts,
      codes: [...ctx.codes.values()],
      segments,
      codings,
      variables: variableDefinitions,
      groups,
      themes,
      attempts: [],
      memos: memos.memos.map((m): Memo => ({
        ...m,
        authorGuid: m.authorGuid === '' ? project.ownerCoderGuid : m.authorGuid,
        // A segment merged into another (same user, same range) hands its memos on.
        targetGuid: m.targetKind === 'segment' && m.targetGuid ? (alias.get(m.targetGuid) ?? m.targetGuid) : m.targetGuid,
      })),
    },
    report: { discarded: ctx.discarded, positionConvention: sources.reports, warnings: ctx.warnings },
  };
}

function projectRecord(ctx: ImportContext, root: XmlElement, fileName: string, codebookOnly: boolean, owner: Coder): Project {
  const createdAt = ctx.fallbackDate;
  return {
    guid: ctx.projectGuid,
    name: (codebookOnly ? '' : attr(root, 'name')?.trim()) || baseName(fileName),
    createdAt,
    updatedAt: attr(root, 'modifiedDateTime') ? ctx.date(attr(root, 'modifiedDateTime')) : createdAt,
    ownerCoderGuid: owner.guid,
    template: null,
  };
}
