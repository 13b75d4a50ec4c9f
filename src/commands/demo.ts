import type { Result } from '../domain/assert';
import { DEMO_PASSAGES, DEMO_TEMPLATE, locatePassage } from '../domain/demo';
import { CODER_COLORS, createCoder, createCoding, createDocument, createGroup, createProject, createSegment } from '../domain/factories';
import type { DocumentGroup, DocumentText, Guid, VariableDefinition } from '../domain/model';
import { codesFromTemplate } from '../domain/templates';
import { normalizeText, sha256Hex } from '../domain/text';
import { detectTurns } from '../domain/turns';
import { canonicalValue, createVariableDefinition, inferVariableType } from '../domain/variables';
import type { MarkeerDb } from '../storage/db';
import { runWrite, type CommandFailure } from './run';

export interface DemoFile {
  /** File name as in the samples, e.g. "school-noord-leiding.txt". */
  readonly file: string;
  /** Document name shown to the user. */
  readonly name: string;
  readonly text: string;
  /** Values as a person would type them; stored canonically in the type that fits all files. */
  readonly variables: Readonly<Record<string, string>>;
  /** Names of the document groups the file belongs to. */
  readonly groups?: readonly string[];
}

/**
 * The demo's variable definitions, in the order the files first name them, each of the type that
 * fits every file's value (so that a date is a date and a count a number), and its groups.
 */
export function demoVariablesAndGroups(projectGuid: Guid, files: readonly DemoFile[]): { variables: VariableDefinition[]; groups: Array<{ group: DocumentGroup; files: string[] }> } {
  const names = [...new Set(files.flatMap((f) => Object.keys(f.variables)))];
  const variables = names.map((name, order) =>
    createVariableDefinition({ projectGuid, name, type: inferVariableType(files.map((f) => f.variables[name] ?? '')), order }),
  );
  const groupNames = [...new Set(files.flatMap((f) => f.groups ?? []))];
  const groups = groupNames.map((name, order) => ({ group: createGroup({ projectGuid, name, order }), files: files.filter((f) => f.groups?.includes(name)).map((f) => f.file) }));
  return { variables, groups };
}

/** Builds the demo project (documents with typed variables, groups, default codebook, coded passages) in one transaction. */
export async function createDemoProject(
  input: { projectName: string; coderName: string; lang: 'nl' | 'en'; files: readonly DemoFile[] },
  db?: MarkeerDb,
): Promise<Result<Guid, CommandFailure>> {
  const coderGuid = crypto.randomUUID().toLowerCase();
  const project = createProject({ name: input.projectName, ownerCoderGuid: coderGuid, template: DEMO_TEMPLATE, demo: true });
  const coder = createCoder(project.guid, input.coderName, CODER_COLORS[1] ?? '#b5179e', coderGuid);
  const { variables, groups } = demoVariablesAndGroups(project.guid, input.files);
  const typed = (values: Readonly<Record<string, string>>) =>
    Object.fromEntries(variables.flatMap((v) => (values[v.name] ? [[v.name, canonicalValue(v.type, values[v.name] ?? '') ?? '']] : [])));
  const prepared = await Promise.all(
    input.files.map(async (f, order) => {
      const text = normalizeText(f.text);
      const doc = { ...createDocument({ projectGuid: project.guid, name: f.name, length: text.length, sha256: await sha256Hex(text), order, source: f.file }), variables: typed(f.variables) };
      const stored: DocumentText = { documentGuid: doc.guid, projectGuid: project.guid, text, turns: detectTurns(text) };
      return { file: f.file, doc, stored };
    }),
  );
  return runWrite({ db }, async (rec) => {
    await rec.db.projects.put(project);
    await rec.db.coders.put(coder);
    await rec.db.codes.bulkPut(codesFromTemplate(DEMO_TEMPLATE, input.lang, project.guid));
    await rec.db.variables.bulkPut(variables);
    const docOf = new Map(prepared.map((p) => [p.file, p.doc.guid]));
    await rec.db.groups.bulkPut(groups.map((g) => ({ ...g.group, documentGuids: g.files.flatMap((f) => docOf.get(f) ?? []) })));
    for (const p of prepared) {
      await rec.db.documents.put(p.doc);
      await rec.db.documentTexts.put(p.stored);
      for (const passage of DEMO_PASSAGES.filter((x) => x.file === p.file)) {
        const at = locatePassage(p.stored.text, passage);
        if (!at) continue;
        const segment = createSegment({ projectGuid: project.guid, documentGuid: p.doc.guid, coderGuid, text: p.stored.text, ...at });
        await rec.db.segments.put(segment);
        await rec.db.codings.bulkPut(passage.codes.map((c) => createCoding(segment, c)));
      }
    }
    return project.guid;
  });
}
