/** Runs a search off the main thread, so that a slow regular expression can be stopped (run-search.ts). */
import { searchDocuments } from '../../../domain/analysis/search';
import type { SearchReply, SearchRequest } from './run-search';

// The worker's global scope, without mixing the WebWorker types into the app's DOM ones.
const scope = self as unknown as {
  postMessage(message: SearchReply): void;
  onmessage: ((e: MessageEvent<SearchRequest>) => void) | null;
};

scope.onmessage = (e) => {
  const { id, texts, query, options } = e.data;
  try {
    scope.postMessage({ id, outcome: searchDocuments(texts, query, options) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
