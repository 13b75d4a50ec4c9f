import { searchDocuments } from '../../../domain/analysis/search';
import { createSearchRunner, type SearchReply, type SearchRequest, type SearchWorkerPort } from './run-search';

/** A stand-in worker: answers like the real one, or never (a pattern that does not finish). */
function fakeWorker(answers: boolean, ended: string[]): () => SearchWorkerPort {
  return () => {
    const port: SearchWorkerPort = {
      onmessage: null,
      onerror: null,
      postMessage(m: SearchRequest) {
        if (!answers) return;
        const reply: SearchReply = { id: m.id, outcome: searchDocuments(m.texts, m.query, m.options) };
        setTimeout(() => port.onmessage?.({ data: reply } as MessageEvent<SearchReply>), 0);
      },
      terminate: () => ended.push('ended'),
    };
    return port;
  };
}

const TEXTS = [{ documentGuid: 'd', text: 'Een laptop en nog een laptop.' }];

describe('running a search in a worker', () => {
  it('gives the worker’s hits', async () => {
    const runner = createSearchRunner(fakeWorker(true, []), 1000);
    const r = await runner.run(TEXTS, 'laptop', { mode: 'plain' });
    expect(r.ok && r.hits.length).toBe(2);
  });

  it('ends a search that takes too long and says so', async () => {
    const ended: string[] = [];
    const runner = createSearchRunner(fakeWorker(false, ended), 20);
    expect(await runner.run(TEXTS, '(a+)+$', { mode: 'regex' })).toEqual({ ok: false, reason: 'timeout' });
    expect(ended).toEqual(['ended']);
  });

  it('cancels a search under way when a new one starts', async () => {
    const runner = createSearchRunner(fakeWorker(false, []), 1000);
    const first = runner.run(TEXTS, 'laptop', { mode: 'plain' });
    void runner.run(TEXTS, 'een', { mode: 'plain' });
    expect(await first).toEqual({ ok: false, reason: 'cancelled' });
    runner.dispose();
  });
});
