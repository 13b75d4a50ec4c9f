import type { Result } from '../domain/assert';
import { DEMO_PASSAGES, DEMO_TEMPLATE, locatePassage } from '../domain/demo';
import { CODER_COLORS, createCoder, createCoding, createDocument, createProject, createSegment } from '../domain/factories';
import type { DocumentText, Guid } from '../domain/model';
import { codesFromTemplate } from '../domain/templates';
import { normalizeText, sha256Hex } from '../domain/text';
import { detectTurns } from '../domain/turns';
import type { MarkeerDb } from '../storage/db';
import { runWrite, type CommandFailure } from './run';

export interface DemoFile {
  /** File name as in the samples, e.g. "school-noord-leiding.txt". */
  readonly file: string;
  /** Document name shown to the user. */
  readonly name: string;
  readonly text: string;
  readonly variables: Readonly<Record<string, string>>;
}

/** Builds the demo project (documents, default codebook, coded passages) in one transaction. */
export async function createDemoProject(
  input: { projectName: string; coderName: string; lang: 'nl' | 'en'; files: readonly DemoFile[] },
  db?: MarkeerDb,
): Promise<Result<Guid, CommandFailure>> {
  const coderGuid = crypto.randomUUID().toLowerCase();
  const project = createProject({ name: input.projectName, ownerCoderGuid: coderGuid, template: DEMO_TEMPLATE, demo: true });
  const coder = createCoder(project.guid, input.coderName, CODER_COLORS[1] ?? '#b5179e', coderGuid);
  const prepared = await Promise.all(
    input.files.map(async (f, order) => {
      const text = normalizeText(f.text);
      const doc = { ...createDocument({ projectGuid: project.guid, name: f.name, length: text.length, sha256: await sha256Hex(text), order, source: f.file }), variables: f.variables };
      const stored: DocumentText = { documentGuid: doc.guid, projectGuid: project.guid, text, turns: detectTurns(text) };
      return { file: f.file, doc, stored };
    }),
  );
  return runWrite({ db }, async (rec) => {
    await rec.db.projects.put(project);
    await rec.db.coders.put(coder);
    await rec.db.codes.bulkPut(codesFromTemplate(DEMO_TEMPLATE, input.lang, project.guid));
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
