import { applyCode } from './coding';
import { addDocuments } from './documents';
import { createProject } from './projects';
import { readProjectForExport } from './read-project';
import { projectWithDocument } from './test-builders';

describe('reading a whole project', () => {
  it('reads every row of that project and none of another project in the same database', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await applyCode({ ...f, ...f.range, codeGuid: 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3' }, f.db);
    const other = await createProject({ name: 'Ander', coderName: 'Bram', template: 'veerkracht-partnerschap', lang: 'nl', db: f.db });
    if (!other.ok) throw new Error(other.reason);
    await addDocuments(other.value.projectGuid, [{ name: 'Ander', text: 'Iets anders.' }], { db: f.db, firstOrder: 0 });

    const read = await readProjectForExport(f.db, f.projectGuid);
    const data = read.ok ? read.value : null;
    expect(data?.documents.map((d) => d.name)).toEqual(['Doc']);
    expect(data?.texts.map((t) => t.text)).toEqual([f.text]);
    expect(data?.coders.map((c) => c.name)).toEqual(['Anna']);
    expect(data?.codes).toHaveLength(34);
    expect(data?.segments.map((s) => s.text)).toEqual(['dat hij niet online kwam']);
    expect(data?.codings).toHaveLength(1);
    expect(await readProjectForExport(f.db, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
