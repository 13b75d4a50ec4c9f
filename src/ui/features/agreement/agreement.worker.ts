/** Computes one share of an agreement report off the main thread (agreement-runner.ts). */
import { computePackedAgreement } from '../../../domain/agreement';
import type { AgreementReply, AgreementRequest } from './agreement-runner';

// The worker's global scope, without mixing the WebWorker types into the app's DOM ones.
const scope = self as unknown as {
  postMessage(message: AgreementReply): void;
  onmessage: ((e: MessageEvent<AgreementRequest>) => void) | null;
};

scope.onmessage = (e) => {
  const { id, input, share } = e.data;
  try {
    scope.postMessage({ id, report: computePackedAgreement(input, share) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
