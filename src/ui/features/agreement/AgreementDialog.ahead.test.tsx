import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { applyCode } from '../../../commands/coding';
import { addCode } from '../../../commands/codes';
import { history } from '../../../commands/history';
import { projectWithDocument } from '../../../commands/test-builders';
import { computeAgreement, sameAgreementInput, type AgreementInput } from '../../../domain/agreement';
import { createCoder } from '../../../domain/factories';
import type { Guid } from '../../../domain/model';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext } from '../../shell/project-context';
import { AgreementDialog } from './AgreementDialog';

// A runner as in a browser with workers (jsdom has none): it computes here, and notes what it was
// asked. While `held` is set, a run answers only when released, as a worker still computing.
const asked = vi.hoisted(() => ({ runs: [] as unknown[], ahead: [] as unknown[], held: false, release: [] as (() => void)[] }));
vi.mock('./agreement-runner', () => ({
  AgreementRunFailed: class extends Error {},
  agreementRunner: () => ({
    run: (input: AgreementInput) => {
      asked.runs.push(input);
      if (asked.held) return new Promise((resolve) => asked.release.push(() => resolve(computeAgreement(input))));
      return Promise.resolve(computeAgreement(input));
    },
    ahead: (input: AgreementInput) => asked.ahead.push(input),
    peek: () => null,
    // No table from a worker: the dialog computes it itself.
    segmentTable: () => null,
  }),
}));

const TEXT = 'Ik zag dat hij niet online kwam die week. Ik was boos.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** Three coders: Anna coded two passages, Bram two, Cleo one, all with "Boos". */
async function openDialog() {
  const f = await projectWithDocument(`[${TEXT}]`, null);
  const boos = await must(addCode(f.projectGuid, { name: 'Boos', parentGuid: null }, f.db));
  const bram = createCoder(f.projectGuid, 'Bram', '#b5179e');
  const cleo = createCoder(f.projectGuid, 'Cleo', '#2ca02c');
  await f.db.coders.bulkPut([bram, cleo]);
  const code = (coderGuid: Guid, text: string) => must(applyCode({ ...f, coderGuid, codeGuid: boos, ...at(text) }, f.db));
  await code(f.coderGuid, 'dat hij niet online');
  await code(f.coderGuid, 'Ik was boos');
  await code(bram.guid, 'niet online kwam die week');
  await code(bram.guid, 'was boos');
  await code(cleo.guid, 'niet online');
  history.clear();
  const data = await readProjectData(f.db, f.projectGuid);
  const owner = data?.coders.find((c) => c.guid === f.coderGuid);
  if (!data || !owner) throw new Error('no project');
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectContext.Provider value={{ db: f.db, project: data.project, coder: owner, coders: data.coders, codes: data.codes }}>
          <AgreementDialog isOpen onClose={vi.fn()} onJump={vi.fn()} />
        </ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Agreement between coders' });
  return { dialog, anna: f.coderGuid, bram: bram.guid, cleo: cleo.guid };
}

beforeEach(() => {
  asked.runs = [];
  asked.ahead = [];
  asked.held = false;
  asked.release = [];
});

describe('the agreement dialog computing ahead', () => {
  it('computes every coder together once the pair’s figures are shown: the figures a tick on the third coder asks for', async () => {
    const s = await openDialog();
    await within(s.dialog).findByRole('table', { name: /Per code/ });
    await waitFor(() => expect(asked.ahead).toHaveLength(1));
    const guess = asked.ahead[0] as AgreementInput;
    // The two busiest first, as the dialog lists them.
    expect(guess.coders).toEqual([s.anna, s.bram, s.cleo]);
    expect((asked.runs.at(-1) as AgreementInput).coders).toEqual([s.anna, s.bram]);

    const coders = within(s.dialog).getByRole('group', { name: 'Coders' });
    await userEvent.setup().click(within(coders).getByRole('checkbox', { name: /Cleo/ }));
    await waitFor(() => expect((asked.runs.at(-1) as AgreementInput).coders).toHaveLength(3));
    expect(sameAgreementInput(asked.runs.at(-1) as AgreementInput, guess)).toBe(true);
    // Every coder is compared now: nothing more to guess.
    await new Promise((r) => setTimeout(r, 1200));
    expect(asked.ahead).toHaveLength(1);
  });

  it('keeps the figures’ headings with the figures shown while a new choice computes', async () => {
    const s = await openDialog();
    const table = await within(s.dialog).findByRole('table', { name: /Per code/ });
    // Two coders: characters coded by both.
    expect(within(table).getByRole('columnheader', { name: 'Both' })).toBeTruthy();

    asked.held = true;
    const coders = within(s.dialog).getByRole('group', { name: 'Coders' });
    await userEvent.setup().click(within(coders).getByRole('checkbox', { name: /Cleo/ }));
    await within(s.dialog).findByText('Computing…');
    // The pair's figures stay on screen, greyed, under the pair's headings: not "All" over figures of two.
    expect(within(table).getByRole('columnheader', { name: 'Both' })).toBeTruthy();
    expect(within(table).queryByRole('columnheader', { name: 'All' })).toBeNull();

    asked.release.splice(0).forEach((release) => release());
    await waitFor(() => expect(within(within(s.dialog).getByRole('table', { name: /Per code/ })).getByRole('columnheader', { name: 'All' })).toBeTruthy());
    expect(within(s.dialog).queryByText('Computing…')).toBeNull();
  });
});
