/** Test helper: zip workers that run in this thread (jsdom and Node have no Web Workers). */
import { zipWorkerHost, type ZipWorkerRequest } from './entry-compressor';
import { startZipWorkers, type ZipWorkerPort, type ZipWorkers } from './zip-workers';

/** A stand-in for zip.worker.ts: the same host, its messages passed on asynchronously. */
export function inThreadWorker(): ZipWorkerPort {
  const port: ZipWorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage: (request: ZipWorkerRequest) => setTimeout(() => host(request)),
    terminate: () => undefined,
  };
  const host = zipWorkerHost((reply) => setTimeout(() => port.onmessage?.({ data: reply } as MessageEvent)));
  return port;
}

export const inThreadZipWorkers = (level: number, count = 2): ZipWorkers => startZipWorkers(level, count, inThreadWorker) as ZipWorkers;
