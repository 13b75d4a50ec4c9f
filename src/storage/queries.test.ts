import type { Segment } from '../domain/model';
import { MarkeerDb } from './db';
import { SEGMENT_COUNT_CHUNK, segmentCounts } from './queries';

const P = '11111111-1111-4111-8111-111111111111';
const CODER = '44444444-4444-4444-8444-444444444444';
const guid = (n: number, kind: number) => `${String(kind).repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A project of `documents` documents, document i with i % 5 segments. */
async function projectWithSegments(documents: number) {
  const db = new MarkeerDb(`test-${crypto.randomUUID()}`);
  await db.open();
  const docs = Array.from({ length: documents }, (_, i) => guid(i, 3));
  const segments: Segment[] = docs.flatMap((d, i) =>
    Array.from({ length: i % 5 }, (_, k) => ({ guid: guid(i * 10 + k, 2), projectGuid: P, documentGuid: d, coderGuid: CODER, start: k * 10, end: k * 10 + 5, text: 'hallo', comment: '', createdAt: '2026-12-07T00:00:00.000Z' })),
  );
  // another project's segment in one of the same documents is not counted
  segments.push({ guid: guid(999, 2), projectGuid: '99999999-9999-4999-8999-999999999999', documentGuid: docs[1] ?? '', coderGuid: CODER, start: 0, end: 1, text: 'h', comment: '', createdAt: '2026-12-07T00:00:00.000Z' });
  await db.segments.bulkPut(segments);
  return { db, docs };
}

describe('segmentCounts', () => {
  it('counts every document of a project larger than one chunk, a chunk per read transaction', async () => {
    const documents = SEGMENT_COUNT_CHUNK * 2 + 5;
    const { db, docs } = await projectWithSegments(documents);
    const transaction = vi.spyOn(db, 'transaction');
    const counts = await segmentCounts(db, P, docs);
    expect(counts).not.toBeNull();
    expect([...(counts ?? new Map()).entries()]).toEqual(docs.map((d, i) => [d, i % 5]));
    // three short reads that other reads can come between, not one long one or one per document
    expect(transaction).toHaveBeenCalledTimes(3);
    db.close();
  });

  it('stops between chunks when whoever asked has gone, and counts nothing more', async () => {
    const { db, docs } = await projectWithSegments(SEGMENT_COUNT_CHUNK * 3);
    const transaction = vi.spyOn(db, 'transaction');
    // the list goes away while the first chunk is being counted
    const counting = segmentCounts(db, P, docs, { stopped: () => transaction.mock.calls.length > 0 });
    expect(await counting).toBeNull();
    expect(transaction).toHaveBeenCalledTimes(1);
    db.close();
  });
});
