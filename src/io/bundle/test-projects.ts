/** Test helper: a sound bundle of one document with the given text, as Markeer's own writer makes it. */
import { createCoder, createDocument, createProject } from '../../domain/factories';
import type { ProjectData } from '../../domain/project-data';
import { emptyLists } from '../../domain/tables';
import { sha256Hex } from '../../domain/text';
import { serializeBundle } from './serialize';

export async function oneDocumentBundle(name: string, text: string): Promise<Uint8Array> {
  const coderGuid = crypto.randomUUID();
  const project = createProject({ name: 'Lang', ownerCoderGuid: coderGuid, template: null });
  const coder = createCoder(project.guid, 'Lead', '#1d4e89', coderGuid);
  const document = createDocument({ projectGuid: project.guid, name, length: text.length, sha256: await sha256Hex(text), order: 0 });
  const data: ProjectData = {
    project,
    ...emptyLists(),
    coders: [coder],
    documents: [document],
    texts: [{ documentGuid: document.guid, projectGuid: project.guid, text, turns: [] }],
  };
  return serializeBundle(data, { kind: 'handout', appVersion: 'test', exportedBy: { guid: coder.guid, name: coder.name } });
}
