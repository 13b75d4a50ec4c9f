import type { Coding, Segment } from '../domain/model';
import { onCommitted, type Change } from '../storage/changes';
import { applyCode, planApplyCode, type ApplyCodeInput, type KnownDocument } from './coding';
import { history } from './history';
import { CODE_SIGNALEN_INTERPRETEREN, CODE_SIGNALEN_OPMERKEN, projectWithDocument, simulateFullDisk } from './test-builders';

/** What this tab knows of a document: its text and, optionally, segments with their codings. */
function known(text: string, segments: readonly Segment[] = [], codings: readonly Coding[] = []): KnownDocument {
  return {
    text,
    segmentAt: (coderGuid, start, end) => segments.find((s) => s.coderGuid === coderGuid && s.start === start && s.end === end),
    codingsOf: (segmentGuid) => codings.filter((c) => c.segmentGuid === segmentGuid),
  };
}

/** Every batch of changes published in this tab while `run` runs. */
async function published(run: (batches: readonly Change[][]) => Promise<unknown>): Promise<Change[][]> {
  const batches: Change[][] = [];
  const off = onCommitted((changes) => batches.push([...changes]));
  try {
    await run(batches);
  } finally {
    off();
  }
  return batches;
}

const rows = (changes: readonly Change[]) => changes.map((c) => [c.table, c.before ? 'before' : '-', c.after ? 'after' : '-']);

describe('applying a code shown before it is stored', () => {
  it('shows the planned rows at once and stores exactly those rows', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const input: ApplyCodeInput = { ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN };
    const plan = planApplyCode(input, known(f.text));
    let shownAtOnce = 0;
    const batches = await published(async (sofar) => {
      const write = applyCode(input, f.db, plan ?? undefined);
      shownAtOnce = sofar.length;
      expect((await write).ok).toBe(true);
    });
    // One batch, shown as the command started; the commit confirmed it without repeating it.
    expect(shownAtOnce).toBe(1);
    expect(batches.map(rows)).toEqual([[['segments', '-', 'after'], ['codings', '-', 'after']]]);
    expect(await f.db.segments.toArray()).toEqual([plan?.segment]);
    expect(await f.db.codings.toArray()).toEqual([plan?.coding]);
  });

  it('takes the shown rows back when the disk is full, and stores nothing', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const input: ApplyCodeInput = { ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN };
    const full = await simulateFullDisk(f.db, 'codings');
    full.on = true;
    let result: Awaited<ReturnType<typeof applyCode>> | undefined;
    const batches = await published(async () => {
      result = await applyCode(input, f.db, planApplyCode(input, known(f.text)) ?? undefined);
    });
    full.on = false;
    expect(result).toMatchObject({ ok: false, reason: 'storage-full' });
    // Shown, then taken back, last row first.
    expect(batches.map(rows)).toEqual([
      [['segments', '-', 'after'], ['codings', '-', 'after']],
      [['codings', 'before', '-'], ['segments', 'before', '-']],
    ]);
    expect(await f.db.segments.count()).toBe(0);
    expect(await f.db.codings.count()).toBe(0);
  });

  it('follows what was stored when the database differs from what this tab knew', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const first = await applyCode({ ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN }, f.db);
    expect(first.ok).toBe(true);
    // This tab has not heard of that segment yet (another tab wrote it): it plans a new one.
    const input: ApplyCodeInput = { ...f, ...f.range, codeGuid: CODE_SIGNALEN_INTERPRETEREN };
    const plan = planApplyCode(input, known(f.text));
    const batches = await published(() => applyCode(input, f.db, plan ?? undefined));
    expect(batches.map(rows)).toEqual([
      [['segments', '-', 'after'], ['codings', '-', 'after']],
      [['codings', 'before', '-'], ['segments', 'before', '-']],
      [['codings', '-', 'after']],
    ]);
    expect(await f.db.segments.count()).toBe(1);
    const codings = await f.db.codings.toArray();
    expect(codings.map((c) => c.segmentGuid)).toEqual([first.ok && first.value, first.ok && first.value]);
  });

  it('plans nothing when the segment already has the code', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const input: ApplyCodeInput = { ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN };
    const plan = planApplyCode(input, known(f.text));
    expect(planApplyCode(input, known(f.text, plan?.segment ? [plan.segment] : [], plan?.coding ? [plan.coding] : []))).toEqual({});
    expect(planApplyCode({ ...input, start: 2, end: 3 }, known(f.text))).toBeNull();
  });

  it('undoes a coding whose write had not committed yet when undo was asked for', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const input: ApplyCodeInput = { ...f, ...f.range, codeGuid: CODE_SIGNALEN_OPMERKEN };
    const write = applyCode(input, f.db, planApplyCode(input, known(f.text)) ?? undefined);
    const undone = await history.undo();
    expect((await write).ok).toBe(true);
    expect(undone).toMatchObject({ ok: true, value: { label: 'history.applyCode' } });
    expect(await f.db.segments.count()).toBe(0);
    history.clear();
  });
});
