import { startZipWorkers } from '../io/bundle/zip-workers';
import { inThreadWorker, inThreadZipWorkers } from '../io/bundle/zip-workers.test-support';
import { serializeBundle, ZIP_OPTIONS, type BundleKind } from '../io/bundle';
import { readProjectData } from '../storage/project-data';
import { writeBundle } from './bundle-export';
import { codedProject } from './test-builders';

const level = ZIP_OPTIONS.compressionOptions.level;
const exportedAt = '2026-03-05T10:11:12.000Z';
const by = { guid: '6f1c1a52-3b8e-4c1e-9a43-6f0a4b7c2d11', name: 'Ans' };

async function both(kind: BundleKind, prepare?: (f: Awaited<ReturnType<typeof codedProject>>) => Promise<void>) {
  const f = await codedProject('Ik zag [dat hij 😀 niet online kwam] die week.');
  await prepare?.(f);
  const options = { kind, appVersion: '0.1.0', exportedBy: () => by, exportedAt };
  const inWorkers = await writeBundle(f.db, f.projectGuid, options, () => inThreadZipWorkers(level));
  const data = await readProjectData(f.db, f.projectGuid);
  if (!inWorkers.ok || !data) throw new Error('export failed');
  return { inWorkers: inWorkers.value.bytes, plain: await serializeBundle(data, { kind, appVersion: '0.1.0', exportedBy: by, exportedAt }) };
}

describe('writeBundle', () => {
  it('writes in zip workers the bytes serializeBundle writes, full or hand-out', async () => {
    for (const kind of ['full', 'handout'] as const) {
      const { inWorkers, plain } = await both(kind);
      expect(inWorkers).toEqual(plain);
    }
  });

  it('writes lists whose records are copied on the way (a group’s members sorted) as serializeBundle does', async () => {
    const { inWorkers, plain } = await both('full', async (f) => {
      await f.db.groups.put({ guid: '0a1b2c3d-0000-4000-8000-000000000001', projectGuid: f.projectGuid, name: 'G', description: '', documentGuids: ['ffffffff-0000-4000-8000-000000000000', f.documentGuid], order: 0 });
    });
    expect(inWorkers).toEqual(plain);
  });

  it('writes lists longer than a page of the read as serializeBundle does, and reads the same data page by page', async () => {
    const { inWorkers, plain } = await both('full', async (f) => {
      const coding = (await f.db.codings.toArray())[0];
      if (!coding) throw new Error('no coding');
      await f.db.codings.bulkPut(Array.from({ length: 9001 }, () => ({ ...coding, guid: crypto.randomUUID() })));
    });
    expect(inWorkers).toEqual(plain);
  });

  it('hands every text to a zip worker before the records are read, and still writes serializeBundle’s bytes', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    const coding = (await f.db.codings.toArray())[0];
    if (!coding) throw new Error('no coding');
    // Codings over three pages of the read, and a second document with its text.
    await f.db.codings.bulkPut(Array.from({ length: 9001 }, () => ({ ...coding, guid: crypto.randomUUID() })));
    const second = '1b2c3d4e-0000-4000-8000-000000000002';
    const document = await f.db.documents.get([f.projectGuid, f.documentGuid]);
    const text = await f.db.documentTexts.get([f.projectGuid, f.documentGuid]);
    if (!document || !text) throw new Error('no document');
    await f.db.documents.put({ ...document, guid: second, name: 'Tweede' });
    await f.db.documentTexts.put({ ...text, documentGuid: second, text: 'Een tweede tekst.' });
    // What reaches the workers, in order: each entry added whole, each piece of project.json.
    const log: string[] = [];
    const watched = () => {
      const workers = inThreadZipWorkers(level);
      return {
        ...workers,
        add: (path: string, bytes: Uint8Array) => {
          log.push(`add ${path}`);
          workers.add(path, bytes);
        },
        stream: (path: string) => {
          const sink = workers.stream(path);
          return { ...sink, write: (piece: string) => (log.push(`write ${piece.slice(0, 12)}`), sink.write(piece)) };
        },
      };
    };
    const options = { kind: 'full' as const, appVersion: '0.1.0', exportedBy: () => by, exportedAt };
    const r = await writeBundle(f.db, f.projectGuid, options, watched);
    const data = await readProjectData(f.db, f.projectGuid);
    expect(r.ok && data && r.value.bytes).toEqual(data && (await serializeBundle(data, { ...options, exportedBy: by })));
    const texts = log.filter((l) => l.startsWith('add texts/')).map((l) => log.indexOf(l));
    expect(texts).toHaveLength(2);
    // project.json's codings are written as they are read, page by page: after both texts went.
    const codings = log.findIndex((l) => l.startsWith('write') && l.includes('"codings"'));
    expect(codings).toBeGreaterThan(-1);
    expect(Math.max(...texts)).toBeLessThan(codings);
  });

  it('zips in this thread where there are no workers', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    const r = await writeBundle(f.db, f.projectGuid, { kind: 'full', appVersion: '0.1.0', exportedBy: () => by, exportedAt }, () => null);
    const data = await readProjectData(f.db, f.projectGuid);
    expect(r.ok && data && r.value.bytes).toEqual(data && (await serializeBundle(data, { kind: 'full', appVersion: '0.1.0', exportedBy: by, exportedAt })));
  });

  it('zips in this thread when a zip worker fails', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    const broken = () =>
      startZipWorkers(level, 2, () => {
        const port = inThreadWorker();
        port.postMessage = () => setTimeout(() => port.onerror?.({ message: 'no such script' } as ErrorEvent));
        return port;
      });
    const r = await writeBundle(f.db, f.projectGuid, { kind: 'full', appVersion: '0.1.0', exportedBy: () => by, exportedAt }, broken);
    const data = await readProjectData(f.db, f.projectGuid);
    expect(r.ok && data && r.value.bytes).toEqual(data && (await serializeBundle(data, { kind: 'full', appVersion: '0.1.0', exportedBy: by, exportedAt })));
  });

  it('refuses a project that does not exist', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    expect(await writeBundle(f.db, '00000000-0000-4000-8000-000000000000', { kind: 'full', appVersion: '0.1.0', exportedBy: () => by, exportedAt }, () => inThreadZipWorkers(level))).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('readProjectData page by page', () => {
  it('gives the same data as in one read, each list growing in GUID order until done', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    const coding = (await f.db.codings.toArray())[0];
    if (!coding) throw new Error('no coding');
    await f.db.codings.bulkPut(Array.from({ length: 8000 }, () => ({ ...coding, guid: crypto.randomUUID() })));
    const calls: [string, number, boolean][] = [];
    const paged = await readProjectData(f.db, f.projectGuid, { onRead: (field, rows, done) => calls.push([field, Array.isArray(rows) ? rows.length : 1, done]) });
    expect(paged).toEqual(await readProjectData(f.db, f.projectGuid));
    expect(calls.filter(([field]) => field === 'codings')).toEqual([
      ['codings', 4000, false],
      ['codings', 8000, false],
      ['codings', 8003, true],
    ]);
    expect(calls.map(([field]) => field).filter((x, i, all) => all.indexOf(x) === i)).toEqual(['project', ...Object.keys(paged ?? {}).filter((k) => k !== 'project').sort()]);
  });

  it('reads the lists asked for first before the others, and gives the same data', async () => {
    const f = await codedProject('Ik zag [dat hij] die week.');
    const order: string[] = [];
    const paged = await readProjectData(f.db, f.projectGuid, { first: ['texts'], onRead: (field) => void (order.includes(field) || order.push(field)) });
    const whole = await readProjectData(f.db, f.projectGuid);
    expect(paged).toEqual(whole);
    // The lists in ProjectData's own order, however they were read.
    expect(Object.keys(paged ?? {})).toEqual(Object.keys(whole ?? {}));
    const lists = Object.keys(whole ?? {}).filter((k) => k !== 'project').sort();
    expect(order).toEqual(['project', 'texts', ...lists.filter((k) => k !== 'texts')]);
  });
});
