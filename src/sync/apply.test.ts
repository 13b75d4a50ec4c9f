import { projectWithDocument } from '../commands/test-builders';
import { onCommitted, type Change } from '../storage/changes';
import { applyRemoteDocs, seqMetaKey } from './apply';
import type { TeamDoc } from './docs';

async function connected() {
  const f = await projectWithDocument('Een [twee] drie.');
  f.db.teamProjects.add(f.projectGuid);
  return f;
}

describe('records from the team server entering the project', () => {
  it('enter as one transaction that queues nothing for the server, tells the screens, and stores where the replica stands', async () => {
    const f = await connected();
    const code = (await f.db.codes.where('projectGuid').equals(f.projectGuid).first())!;
    const heard: Change[][] = [];
    const stop = onCommitted((c) => heard.push([...c]));
    const doc: TeamDoc = { _id: `codes:${code.guid}`, _rev: '2-a', table: 'codes', owner: null, data: { ...code, name: 'Nieuwe naam' } };
    const changes = await applyRemoteDocs(f.db, f.projectGuid, [doc], 17);
    stop();
    expect(changes).toHaveLength(1);
    expect((await f.db.codes.get([f.projectGuid, code.guid]))?.name).toBe('Nieuwe naam');
    expect(await f.db.syncOutbox.count()).toBe(0);
    expect(heard.flat().map((c) => c.table)).toEqual(['codes']);
    expect((await f.db.meta.get(seqMetaKey(f.projectGuid)))?.value).toBe(17);
  });

  it('keeps out a record that is not readable, a project record of another project, and anything once the project is disconnected', async () => {
    const f = await connected();
    const code = (await f.db.codes.where('projectGuid').equals(f.projectGuid).first())!;
    const broken: TeamDoc = { _id: `codes:${code.guid}`, table: 'codes', owner: null, data: { ...code, name: 42 } };
    const other: TeamDoc = { _id: 'projects:99999999-9999-4999-8999-999999999999', table: 'projects', owner: null, data: { guid: '99999999-9999-4999-8999-999999999999', name: 'Ander' } };
    const segment: TeamDoc = { _id: 'segments:x', table: 'segments', owner: 'anna', data: { guid: 'x' } };
    expect(await applyRemoteDocs(f.db, f.projectGuid, [broken, other, segment], 3)).toEqual([]);
    expect((await f.db.codes.get([f.projectGuid, code.guid]))?.name).toBe(code.name);
    expect(await f.db.projects.count()).toBe(1);
    f.db.teamProjects.delete(f.projectGuid);
    const renamed: TeamDoc = { _id: `codes:${code.guid}`, table: 'codes', owner: null, data: { ...code, name: 'Later' } };
    expect(await applyRemoteDocs(f.db, f.projectGuid, [renamed], 4)).toEqual([]);
    expect((await f.db.codes.get([f.projectGuid, code.guid]))?.name).toBe(code.name);
  });

  it("skips a record this browser changed and has not sent yet: its own newer version goes out instead", async () => {
    const f = await connected();
    const code = (await f.db.codes.where('projectGuid').equals(f.projectGuid).first())!;
    await f.db.syncOutbox.add({ projectGuid: f.projectGuid, table: 'codes', key: code.guid });
    const doc: TeamDoc = { _id: `codes:${code.guid}`, table: 'codes', owner: null, data: { ...code, name: 'Van de server' } };
    expect(await applyRemoteDocs(f.db, f.projectGuid, [doc], 5)).toEqual([]);
    expect((await f.db.codes.get([f.projectGuid, code.guid]))?.name).toBe(code.name);
  });

  it("keeps this browser's own fields of the project: who works here and where they are in the phases", async () => {
    const f = await connected();
    const project = (await f.db.projects.get(f.projectGuid))!;
    const doc: TeamDoc = { _id: `projects:${f.projectGuid}`, table: 'projects', owner: null, data: { guid: f.projectGuid, name: 'Hernoemd', createdAt: project.createdAt, template: project.template, ownerCoderGuid: '11111111-1111-4111-8111-111111111111' } };
    await applyRemoteDocs(f.db, f.projectGuid, [doc], 6);
    const after = (await f.db.projects.get(f.projectGuid))!;
    expect(after.name).toBe('Hernoemd');
    expect(after.ownerCoderGuid).toBe(f.coderGuid);
  });

  it("keeps out a version of a coder's work that names another account as its owner", async () => {
    const f = await connected();
    await f.db.coders.update([f.projectGuid, f.coderGuid], { couchUser: 'anna' });
    const segment = {
      guid: '22222222-2222-4222-8222-222222222222',
      projectGuid: f.projectGuid,
      documentGuid: f.documentGuid,
      coderGuid: f.coderGuid,
      start: 0,
      end: 3,
      text: 'Een',
      comment: '',
      createdAt: '2026-12-06T00:00:00.000Z',
    };
    const forged: TeamDoc = { _id: `segments:${segment.guid}`, table: 'segments', owner: 'bram', data: segment };
    expect(await applyRemoteDocs(f.db, f.projectGuid, [forged], 1)).toEqual([]);
    const real: TeamDoc = { ...forged, owner: 'anna' };
    expect(await applyRemoteDocs(f.db, f.projectGuid, [real], 2)).toHaveLength(1);
    const forgedCoder: TeamDoc = { _id: `coders:${f.coderGuid}`, table: 'coders', owner: 'bram', data: { guid: f.coderGuid, projectGuid: f.projectGuid, name: 'Anna', color: '#000000', couchUser: 'anna' } };
    expect(await applyRemoteDocs(f.db, f.projectGuid, [forgedCoder], 3)).toEqual([]);
  });
});
