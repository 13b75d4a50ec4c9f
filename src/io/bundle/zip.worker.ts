/** A zip worker: compresses bundle entries for the export (zip-workers.ts). */
import { zipWorkerHost, type ZipWorkerReply, type ZipWorkerRequest } from './entry-compressor';

// The worker's global scope, without mixing the WebWorker types into the app's DOM ones.
const scope = self as unknown as {
  postMessage(message: ZipWorkerReply, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ZipWorkerRequest>) => void) | null;
};

const host = zipWorkerHost((reply) => scope.postMessage(reply, 'compressed' in reply ? [reply.compressed.data.buffer] : []));
scope.onmessage = (e) => host(e.data);
