import type { Segment } from '../domain/model';
import { publishCommitted, type Change } from './changes';
import { MarkeerDb } from './db';
import { AHEAD_KEPT_MS, dropDocumentAhead, readDocumentAhead, readDocumentRows, takeDocumentAhead } from './document-ahead';

const P = '11111111-1111-4111-8111-111111111111';
const D = '33333333-3333-4333-8333-333333333333';
const OTHER = '33333333-3333-4333-8333-444444444444';
const CODER = '44444444-4444-4444-8444-444444444444';
const segment = (n: number, documentGuid = D): Segment => ({
  guid: `22222222-2222-4222-8222-${String(n).padStart(12, '0')}`,
  projectGuid: P,
  documentGuid,
  coderGuid: CODER,
  start: n,
  end: n + 5,
  text: 'hallo',
  comment: '',
  createdAt: '2026-12-08T00:00:00.000Z',
});

async function dbWithSegments() {
  const db = new MarkeerDb(`test-${crypto.randomUUID()}`);
  await db.open();
  await db.segments.bulkPut([segment(1), segment(2), segment(3, OTHER)]);
  return db;
}

afterEach(() => {
  dropDocumentAhead();
  vi.useRealTimers();
});

describe('a document read ahead', () => {
  it('gives the document’s rows, as reading them then would, to whoever opens that document', async () => {
    const db = await dbWithSegments();
    readDocumentAhead(db, P, D);
    const ahead = takeDocumentAhead(db, P, D);
    expect(ahead).not.toBeNull();
    expect(await ahead?.read).toEqual(await readDocumentRows(db, P, D));
    expect((await ahead?.read)?.segments.map((s) => s.start)).toEqual([1, 2]);
    // taken once
    expect(takeDocumentAhead(db, P, D)).toBeNull();
    db.close();
  });

  it('keeps the segments and codings committed after the read began, however many, and nothing after it was taken', async () => {
    const db = await dbWithSegments();
    readDocumentAhead(db, P, D);
    const write: Change = { table: 'segments', key: [P, segment(4).guid], before: undefined, after: { ...segment(4) } };
    publishCommitted([write, { table: 'codes', key: [P, 'x'], before: undefined, after: { guid: 'x' } }]);
    // a batch larger than a call may have arguments
    const many: Change[] = Array.from({ length: 200_000 }, () => write);
    publishCommitted(many);
    const ahead = takeDocumentAhead(db, P, D);
    publishCommitted([{ ...write, key: [P, segment(5).guid], after: { ...segment(5) } }]);
    expect(ahead?.changes).toHaveLength(1 + many.length);
    expect(ahead?.changes[0]).toEqual(write);
    db.close();
  });

  it('is not given for another document or another database, and is then gone', async () => {
    const db = await dbWithSegments();
    const other = await dbWithSegments();
    readDocumentAhead(db, P, D);
    expect(takeDocumentAhead(db, P, OTHER)).toBeNull();
    expect(takeDocumentAhead(db, P, D)).toBeNull();
    readDocumentAhead(db, P, D);
    expect(takeDocumentAhead(other, P, D)).toBeNull();
    expect(takeDocumentAhead(db, P, D)).toBeNull();
    db.close();
    other.close();
  });

  it('goes when the document has not opened in time', async () => {
    const db = await dbWithSegments();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    readDocumentAhead(db, P, D);
    vi.advanceTimersByTime(AHEAD_KEPT_MS - 1);
    readDocumentAhead(db, P, D);
    vi.advanceTimersByTime(AHEAD_KEPT_MS - 1);
    // the second read's own time is not over: the first one's timer did not drop it
    expect(takeDocumentAhead(db, P, D)).not.toBeNull();
    readDocumentAhead(db, P, D);
    vi.advanceTimersByTime(AHEAD_KEPT_MS);
    expect(takeDocumentAhead(db, P, D)).toBeNull();
    vi.useRealTimers();
    db.close();
  });
});
