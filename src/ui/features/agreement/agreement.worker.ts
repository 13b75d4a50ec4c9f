/** Computes one share of an agreement report off the main thread (agreement-runner.ts). */
import { answerAgreementRequest, type AgreementReply, type AgreementRequest } from './agreement-work';

// The worker's global scope, without mixing the WebWorker types into the app's DOM ones.
const scope = self as unknown as {
  postMessage(message: AgreementReply): void;
  onmessage: ((e: MessageEvent<AgreementRequest>) => void) | null;
};

scope.onmessage = (e) => answerAgreementRequest(e.data, (reply) => scope.postMessage(reply));
