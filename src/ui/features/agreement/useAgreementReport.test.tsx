import { act, renderHook, waitFor } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { vi } from 'vitest';
import { computeAgreement, computePackedAgreement, type AgreementInput } from '../../../domain/agreement';
import { coding } from '../../../domain/agreement/test-builders';
import { createAgreementRunner, type AgreementReply, type AgreementRequest, type AgreementRunner, type AgreementWorkerPort } from './agreement-runner';

/** Workers that answer when told to (`answer()`), or cannot start at all. */
const workers = vi.hoisted(() => ({ held: [] as (() => void)[], failToStart: false }));

function spawn(): AgreementWorkerPort {
  const port: AgreementWorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(m: AgreementRequest) {
      if (workers.failToStart) {
        setTimeout(() => port.onerror?.({ message: 'no workers here' } as ErrorEvent), 0);
        return;
      }
      workers.held.push(() => {
        let reply: AgreementReply;
        try {
          reply = { id: m.id, report: computePackedAgreement(m.input, m.share) };
        } catch (e) {
          reply = { id: m.id, error: (e as Error).message };
        }
        port.onmessage?.({ data: reply } as MessageEvent<AgreementReply>);
      });
    },
    terminate: () => undefined,
  };
  return port;
}

let runner: AgreementRunner;
vi.mock('./agreement-runner', async (original) => ({ ...(await original<typeof import('./agreement-runner')>()), agreementRunner: () => runner }));
const { useAgreementReport } = await import('./useAgreementReport');

/** An error boundary, as the app's screens have. */
class Catch extends Component<{ children: ReactNode; onError(e: unknown): void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(e: unknown) {
    this.props.onError(e);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

const answer = () => act(() => workers.held.splice(0).forEach((reply) => reply()));

const TWO = coding().add('anna', 'd0', 0, 10, 'anger').add('ben', 'd0', 5, 10, 'anger').add('cleo', 'd0', 0, 3, 'joy').input({ d0: 20 }, ['anna', 'ben']);
const THREE: AgreementInput = { ...TWO, coders: ['anna', 'ben', 'cleo'] };

beforeEach(() => {
  workers.held = [];
  workers.failToStart = false;
  runner = createAgreementRunner(spawn, 2);
});

describe('the agreement report of the dialog, computed in workers', () => {
  it('says it is computing until the workers answer, then shows their report', async () => {
    const { result } = renderHook(({ input }) => useAgreementReport(input), { initialProps: { input: TWO } });
    expect(result.current).toEqual({ report: null, of: null, computing: true });
    await answer();
    expect(result.current).toEqual({ report: computeAgreement(TWO), of: TWO, computing: false });
  });

  it('keeps the figures before, as stale, while a new choice computes', async () => {
    const { result, rerender } = renderHook(({ input }) => useAgreementReport(input), { initialProps: { input: TWO } });
    await answer();
    rerender({ input: THREE });
    expect(result.current).toMatchObject({ of: TWO, computing: true });
    await answer();
    expect(result.current).toEqual({ report: computeAgreement(THREE), of: THREE, computing: false });
  });

  it('shows a report computed ahead in its first render', async () => {
    const ahead = runner.run({ ...TWO });
    workers.held.splice(0).forEach((reply) => reply());
    await ahead;
    const { result } = renderHook(() => useAgreementReport(TWO));
    expect(result.current).toEqual({ report: await ahead, of: TWO, computing: false });
  });

  it('computes the report here when the workers cannot start', async () => {
    workers.failToStart = true;
    const { result } = renderHook(() => useAgreementReport(TWO));
    await waitFor(() => expect(result.current.computing).toBe(false));
    expect(result.current).toEqual({ report: computeAgreement(TWO), of: TWO, computing: false });
  });

  it('stops at a report that cannot be computed, in render, as before the workers', async () => {
    const broken = coding().add('anna', 'd0', 0, 30, 'joy').add('ben', 'd0', 0, 5, 'joy').input({ d0: 20 }, ['anna', 'ben']);
    const errors: unknown[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      renderHook(() => useAgreementReport(broken), { wrapper: ({ children }) => <Catch onError={(e) => errors.push(e)}>{children}</Catch> });
      await answer();
      await waitFor(() => expect(errors).toHaveLength(1));
      expect(String(errors[0])).toMatch(/segment-0 \[0, 30\)/);
    } finally {
      quiet.mockRestore();
    }
  });
});
