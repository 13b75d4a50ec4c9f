import { act, render } from '@testing-library/react';
import { vi } from 'vitest';
import type { AgreementInput } from '../../../domain/agreement';
import { createCoder } from '../../../domain/factories';
import type { Code, Coder, Segment } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';

const state = vi.hoisted(() => ({ snapshot: undefined as unknown, codes: [] as unknown[], coders: [] as unknown[], runs: [] as unknown[] }));
vi.mock('../analysis/useProjectData', () => ({ useProjectSnapshot: () => state.snapshot }));
vi.mock('../../shell/project-context', () => ({ useProject: () => ({ codes: state.codes, coders: state.coders }) }));
vi.mock('./agreement-runner', () => ({
  agreementRunner: () => ({
    run: (input: unknown) => {
      state.runs.push(input);
      return Promise.resolve({ codes: [], domains: [] });
    },
  }),
}));
const AHEAD_QUIET_MS = 10_000;
let AgreementAhead: typeof import('./AgreementAhead').AgreementAhead;

const PROJECT = 'project-1';
const anna = createCoder(PROJECT, 'Anna', '#1f77b4');
const bram = createCoder(PROJECT, 'Bram', '#b5179e');
const cleo = createCoder(PROJECT, 'Cleo', '#2ca02c');
const CODE: Code = { guid: 'code-1', projectGuid: PROJECT, parentGuid: null, name: 'Boos', color: '#d62728', definition: '', order: 0, shortcut: null };

function segment(n: number, coder: Coder): Segment {
  return { guid: `segment-${n}`, projectGuid: PROJECT, documentGuid: 'doc-1', coderGuid: coder.guid, start: n, end: n + 1, text: 'x' } as Segment;
}

/** A project in memory where Anna coded three segments, Cleo two and Bram one. */
function snapshot(extra: readonly Segment[] = []): ProjectData {
  const segments = [segment(0, anna), segment(1, anna), segment(2, anna), segment(3, cleo), segment(4, cleo), segment(5, bram), ...extra];
  return {
    project: { guid: PROJECT },
    coders: [anna, bram, cleo],
    documents: [{ guid: 'doc-1', projectGuid: PROJECT, name: 'Interview', order: 0, length: 20 }],
    codes: [CODE],
    segments,
    codings: segments.map((s) => ({ segmentGuid: s.guid, codeGuid: CODE.guid, documentGuid: 'doc-1' })),
  } as unknown as ProjectData;
}

beforeEach(async () => {
  // A page of its own for each test: what was computed ahead is remembered per page.
  vi.resetModules();
  const ahead = await import('./AgreementAhead');
  expect(ahead.AHEAD_QUIET_MS).toBe(AHEAD_QUIET_MS);
  AgreementAhead = ahead.AgreementAhead;
  vi.useFakeTimers();
  state.codes = [CODE];
  state.coders = [anna, bram, cleo];
  state.runs = [];
});
afterEach(() => vi.useRealTimers());

describe('the agreement computed ahead', () => {
  it('computes the dialog’s default report as soon as the project is in memory, once', async () => {
    state.snapshot = undefined;
    const view = render(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(AHEAD_QUIET_MS * 2));
    expect(state.runs).toHaveLength(0);

    state.snapshot = snapshot();
    view.rerender(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(state.runs).toHaveLength(1);
    const input = state.runs[0] as AgreementInput;
    // The two coders with the most segments, every document, every code.
    expect(input.coders).toEqual([anna.guid, cleo.guid]);
    expect(input.segments.map((s) => s.guid)).toEqual(['segment-0', 'segment-1', 'segment-2', 'segment-3', 'segment-4']);
    expect(input.documentGuids).toBeUndefined();
    expect(input.codeGuids).toBeUndefined();

    // Closed and opened again (the dialog was open meanwhile), the project unchanged: nothing more.
    view.unmount();
    render(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(AHEAD_QUIET_MS * 2));
    expect(state.runs).toHaveLength(1);
  });

  it('computes it again only once the changed project has been still for a while', async () => {
    state.snapshot = snapshot();
    const view = render(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const before = state.runs.length;
    expect(before).toBe(1);
    state.snapshot = snapshot([segment(6, bram)]);
    view.rerender(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(AHEAD_QUIET_MS / 2));
    // Another change meanwhile: the wait starts over.
    state.snapshot = snapshot([segment(6, bram), segment(7, bram)]);
    view.rerender(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(AHEAD_QUIET_MS - 1));
    expect(state.runs).toHaveLength(before);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(state.runs).toHaveLength(before + 1);
    // Bram has caught up with Anna: they are compared now.
    expect((state.runs.at(-1) as AgreementInput).coders).toEqual([anna.guid, bram.guid]);
  });

  it('computes nothing with fewer than two coders to compare', async () => {
    state.coders = [anna];
    state.snapshot = { ...snapshot(), segments: [segment(0, anna)] } as unknown as ProjectData;
    render(<AgreementAhead />);
    await act(() => vi.advanceTimersByTimeAsync(AHEAD_QUIET_MS * 2));
    expect(state.runs).toHaveLength(0);
  });
});
