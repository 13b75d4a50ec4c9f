import { computeAgreement, packAgreementInput, packedSegmentAgreement, type AgreementReport } from '../../../domain/agreement';
import { coding } from '../../../domain/agreement/test-builders';
import { AgreementRunFailed, createAgreementRunner, type AgreementReply, type AgreementRequest, type AgreementWorkerPort } from './agreement-runner';
import { answerAgreementRequest } from './agreement-work';

interface Fleet {
  readonly spawned: AgreementWorkerPort[];
  readonly ended: number[];
  readonly requests: AgreementRequest[];
}

/** Stand-in workers: they compute as the real one does, or never answer ('hold'), or fail to load. */
function fakeWorkers(fleet: Fleet, behaviour: 'answer' | 'hold' | 'fail-to-load' = 'answer'): () => AgreementWorkerPort {
  return () => {
    const n = fleet.spawned.length;
    const port: AgreementWorkerPort = {
      onmessage: null,
      onerror: null,
      postMessage(m: AgreementRequest) {
        fleet.requests.push(m);
        if (behaviour === 'hold') return;
        if (behaviour === 'fail-to-load') {
          setTimeout(() => port.onerror?.({ message: 'could not load the worker' } as ErrorEvent), 0);
          return;
        }
        answerAgreementRequest(m, (reply) => setTimeout(() => port.onmessage?.({ data: reply } as MessageEvent<AgreementReply>), 0));
      },
      terminate: () => fleet.ended.push(n),
    };
    fleet.spawned.push(port);
    return port;
  };
}

const newFleet = (): Fleet => ({ spawned: [], ended: [], requests: [] });

const INPUT = coding()
  .add('anna', 'd0', 0, 10, 'rage', 'school')
  .add('ben', 'd0', 5, 10, 'anger', 'home')
  .add('anna', 'd1', 0, 3, 'joy', 'other')
  .add('ben', 'd1', 2, 6, 'joy')
  .input({ d0: 20, d1: 8 }, ['anna', 'ben']);

describe('computing agreement in workers', () => {
  it('gives the same report as computing it here, each worker computing a share', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 3);
    expect(await runner.run(INPUT)).toEqual(computeAgreement(INPUT));
    expect(fleet.spawned).toHaveLength(3);
    expect(fleet.requests.map((r) => r.share)).toEqual([
      { index: 0, of: 3 },
      { index: 1, of: 3 },
      { index: 2, of: 3 },
    ]);
  });

  it('keeps its workers for the next report, and computes a repeated request once', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 2);
    const first = runner.run(INPUT);
    expect(runner.run(INPUT)).toBe(first);
    await first;
    const three = { ...INPUT, coders: ['anna', 'ben', 'cleo'] };
    expect(await runner.run(three)).toEqual(computeAgreement(three));
    expect(fleet.spawned).toHaveLength(2);
    expect(fleet.requests).toHaveLength(4);
  });

  it('knows a report it computed when asked for the same content again, without computing it again', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 1);
    const first = runner.run(INPUT);
    // The dialog's own input, built anew from the same records while the report computed ahead is under way.
    const again = { ...INPUT, segments: INPUT.segments.map((s) => ({ ...s })), codes: [...INPUT.codes] };
    expect(runner.run(again)).toBe(first);
    expect(runner.peek(again)).toBeNull();
    const report = await first;
    expect(runner.peek(again)).toBe(report);
    await expect(runner.run({ ...again })).resolves.toBe(report);
    expect(fleet.requests).toHaveLength(1);
    // Another coder's segment moved: computed anew.
    const moved = { ...again, segments: again.segments.map((s, i) => (i === 1 ? { ...s, start: s.start + 1 } : s)) };
    expect(runner.peek(moved)).toBeNull();
    expect(await runner.run(moved)).toEqual(computeAgreement(moved));
    expect(fleet.requests).toHaveLength(2);
  });

  it('keeps the last three reports: the two computed ahead stay while the dialog computes a third', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 1);
    const inputs = [INPUT, { ...INPUT, coders: ['anna', 'ben', 'cleo'] }, { ...INPUT, documentGuids: ['d0'] }, { ...INPUT, documentGuids: ['d1'] }];
    const reports: AgreementReport[] = [];
    for (const input of inputs.slice(0, 3)) reports.push(await runner.run(input));
    inputs.slice(0, 3).forEach((input, i) => expect(runner.peek({ ...input })).toBe(reports[i]));
    expect(fleet.requests).toHaveLength(3);
    await runner.run(inputs[3] as (typeof inputs)[number]);
    // The oldest went.
    expect(runner.peek({ ...INPUT })).toBeNull();
    expect(runner.peek({ ...(inputs[1] as (typeof inputs)[number]) })).toBe(reports[1]);
  });

  it('lets a guess under way finish when the coder asks for other figures, which follow it on the same workers', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet, 'hold'), 1);
    runner.ahead({ ...INPUT, coders: ['anna', 'ben', 'cleo'] });
    const asked = runner.run({ ...INPUT, documentGuids: ['d0'] });
    expect(fleet.ended).toEqual([]);
    expect(fleet.spawned).toHaveLength(1);
    expect(fleet.requests.map((r) => r.id)).toEqual([0, 1]);
    // A choice the coder made is replaced as before: its workers end.
    const replaced = runner.run(INPUT);
    await expect(asked).rejects.toMatchObject({ reason: 'superseded' });
    expect(fleet.ended).toEqual([0]);
    runner.dispose();
    await expect(replaced).rejects.toMatchObject({ reason: 'superseded' });
  });

  it('computes ahead only when nothing else is being computed, and a run for the same figures takes it over', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 1);
    const three = { ...INPUT, coders: ['anna', 'ben', 'cleo'] };
    const asked = runner.run(INPUT);
    runner.ahead(three);
    // The dialog's figures were under way: nothing was started for the guess, nor were they replaced.
    expect(fleet.requests).toHaveLength(1);
    await asked;
    runner.ahead(three);
    expect(fleet.requests).toHaveLength(2);
    // The coder ticks the third coder while those are computed: the same run.
    const report = await runner.run({ ...three });
    expect(report).toEqual(computeAgreement(three));
    expect(fleet.requests).toHaveLength(2);
  });

  it('ends the workers of figures a newer choice replaced', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet, 'hold'), 2);
    const first = runner.run(INPUT);
    const second = runner.run({ ...INPUT, documentGuids: ['d0'] });
    await expect(first).rejects.toMatchObject({ reason: 'superseded' });
    expect(fleet.ended).toEqual([0, 1]);
    expect(fleet.spawned).toHaveLength(4);
    runner.dispose();
    await expect(second).rejects.toMatchObject({ reason: 'superseded' });
    expect(fleet.ended).toEqual([0, 1, 2, 3]);
  });

  it('fails with the reason when the report cannot be computed', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 2);
    const broken = coding().add('anna', 'd0', 0, 30, 'joy').add('ben', 'd0', 0, 5, 'joy').input({ d0: 20 }, ['anna', 'ben']);
    const error = await runner.run(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgreementRunFailed);
    expect(error).toMatchObject({ reason: 'failed', message: expect.stringMatching(/segment-0 \[0, 30\)/) });
  });

  it('brings the segment table of the first two coders after the report, from the first share’s worker', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet), 2);
    expect(runner.segmentTable(INPUT)).toBeNull();
    const report = runner.run(INPUT);
    const slot = runner.segmentTable({ ...INPUT });
    expect(slot?.value).toBeUndefined();
    await report;
    const table = await slot?.promise;
    expect(table).toEqual(packedSegmentAgreement(packAgreementInput(INPUT)));
    expect(table?.codes.find((c) => c.codeGuid === 'joy')).toMatchObject({ segmentsA: 1, segmentsB: 1 });
    expect(runner.segmentTable({ ...INPUT })?.value).toBe(table);
    // Computed once: by one worker of the two.
    expect(fleet.requests).toHaveLength(2);
  });

  it('gives no segment table, so that the dialog computes it, when its workers were ended or the report failed', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet, 'hold'), 1);
    void runner.run(INPUT).catch(() => undefined);
    const slot = runner.segmentTable(INPUT);
    void runner.run({ ...INPUT, documentGuids: ['d0'] }).catch(() => undefined);
    expect(await slot?.promise).toBeNull();
    expect(slot?.value).toBeNull();
    runner.dispose();

    const answering = createAgreementRunner(fakeWorkers(newFleet()), 1);
    const broken = coding().add('anna', 'd0', 0, 30, 'joy').add('ben', 'd0', 0, 5, 'joy').input({ d0: 20 }, ['anna', 'ben']);
    const failed = answering.run(broken).catch(() => undefined);
    const brokenSlot = answering.segmentTable(broken);
    await failed;
    expect(await brokenSlot?.promise).toBeNull();
  });

  it('fails when a worker cannot start', async () => {
    const fleet = newFleet();
    const runner = createAgreementRunner(fakeWorkers(fleet, 'fail-to-load'), 2);
    await expect(runner.run(INPUT)).rejects.toMatchObject({ reason: 'failed', message: 'could not load the worker' });
  });
});
