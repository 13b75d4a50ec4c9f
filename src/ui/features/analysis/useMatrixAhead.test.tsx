import { renderHook, waitFor } from '@testing-library/react';
import { NO_FILTER } from '../../../domain/analysis/filter';
import { fixtureProject } from '../../../domain/analysis/matrix-fixture';
import type { ProjectData } from '../../../domain/project-data';
import { useMatrixAhead } from './useMatrixAhead';

// The domain's preparation as it is, noting what it was asked to prepare and each slice's answer.
const seen = vi.hoisted(() => ({ asked: [] as [unknown, unknown][], steps: [] as [unknown, boolean][] }));
vi.mock('../../../domain/analysis/matrix', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../domain/analysis/matrix')>();
  return {
    ...real,
    prepareMatrixAhead: (data: ProjectData, filter: typeof NO_FILTER) => {
      seen.asked.push([data, filter]);
      const job = real.prepareMatrixAhead(data, filter);
      return {
        step: (more: () => boolean) => {
          const done = job.step(more);
          seen.steps.push([data, done]);
          return done;
        },
      };
    },
  };
});

const project = (): ProjectData =>
  fixtureProject({
    coders: ['Anna'],
    documents: [{ name: 'Ouder 1', text: 'De school belde elke week.' }],
    codes: [{ name: 'Contact' }],
    segments: [{ doc: 'Ouder 1', at: 'belde elke week', codes: ['Contact'] }],
  }).data;

beforeEach(() => {
  seen.asked.length = 0;
  seen.steps.length = 0;
});

describe('useMatrixAhead', () => {
  it('prepares the unfiltered matrix of the project once it stays unchanged, to the end', async () => {
    const first = project();
    const { rerender } = renderHook(({ data }) => useMatrixAhead(data), { initialProps: { data: first } });
    // the project changes before it settled: only the newer one is prepared
    const second = { ...first };
    rerender({ data: second });
    await waitFor(() => expect(seen.steps).toContainEqual([second, true]));
    expect(seen.asked).toEqual([[second, NO_FILTER]]);
  });

  it('prepares nothing while the project is being read, nor after the screen has gone', async () => {
    const { rerender, unmount } = renderHook(({ data }) => useMatrixAhead(data), { initialProps: { data: undefined as ProjectData | undefined } });
    rerender({ data: project() });
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(seen.asked).toEqual([]);
  });
});
