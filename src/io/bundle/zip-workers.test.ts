import { inThreadWorker } from './zip-workers.test-support';
import type { ZipWorkerRequest } from './entry-compressor';
import { startZipWorkers, type ZipWorkerPort } from './zip-workers';

/** Two in-thread workers that note, per worker, which entry ids they were given bytes of. */
function recordingWorkers() {
  const given: number[][] = [];
  const spawn = (): ZipWorkerPort => {
    const port = inThreadWorker();
    const ids: number[] = [];
    given.push(ids);
    const post = port.postMessage.bind(port);
    port.postMessage = (request: ZipWorkerRequest, transfer: Transferable[]) => {
      if (request.op === 'push' && !ids.includes(request.id)) ids.push(request.id);
      post(request, transfer);
    };
    return port;
  };
  const workers = startZipWorkers(6, 2, spawn);
  if (!workers) throw new Error('no workers');
  return { workers, given };
}

const bytes = (n: number) => new Uint8Array(n).fill(65);

describe('startZipWorkers', () => {
  it('gives entries added whole to the worker that is not taking project.json as it is written', async () => {
    const { workers, given } = recordingWorkers();
    const json = workers.stream('project.json');
    json.write('{"a":');
    // texts arrive while project.json is still being written: none may queue up ahead of its pieces
    workers.add('texts/1.txt', bytes(5000));
    workers.add('texts/2.txt', bytes(10));
    workers.add('texts/3.txt', bytes(10));
    json.write('1}');
    json.end();
    await workers.zip(['project.json', 'texts/1.txt', 'texts/2.txt', 'texts/3.txt'], '2026-03-05T10:11:12.000Z');
    // ids in the order opened: project.json 0, then the texts 1, 2, 3
    expect(given.find((ids) => ids.includes(0))).toEqual([0]);
    expect(given.find((ids) => ids.includes(1))).toEqual([1, 2, 3]);
    // once project.json is written, its worker takes entries again: with both idle, the first one does
    workers.add('texts/4.txt', bytes(10));
    expect(given.find((ids) => ids.includes(0))).toEqual([0, 4]);
    workers.close();
  });
});
