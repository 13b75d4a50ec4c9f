import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../../../commands/test-builders';
import type { MarkeerDb } from '../../../storage/db';
import * as server from '../../../sync/server';
import * as team from '../../../sync/team';
import { teamSync } from '../../../sync/manager';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import { StartScreen } from '../projects/StartScreen';
import { JoinTeamDialog } from './JoinTeamDialog';
import { DATABASE } from './test-support';

vi.mock('../../../sync/server', async (original) => ({
  ...(await original<typeof import('../../../sync/server')>()),
  signIn: vi.fn(),
  inspectDatabase: vi.fn(),
}));
vi.mock('../../../sync/team', async (original) => ({
  ...(await original<typeof import('../../../sync/team')>()),
  joinProject: vi.fn(),
}));
vi.mock('../../../sync/manager', () => ({
  teamSync: { pouch: vi.fn(async () => ({ Pouch: {}, local: {} })), start: vi.fn(async () => ({})) },
}));

const signIn = vi.mocked(server.signIn);
const inspectDatabase = vi.mocked(server.inspectDatabase);
const joinProject = vi.mocked(team.joinProject);
const PROJECT = '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';

function readable(database: 'exists' | 'missing' | 'no-access') {
  return { ok: true as const, value: { session: { name: 'bram', roles: [] }, database, security: null, designVersion: null, role: 'member' as const } };
}

function renderDialog(db: MarkeerDb, initialUrl = DATABASE) {
  const onJoined = vi.fn();
  render(
    <I18nextProvider i18n={testI18n('nl')}>
      <NotifyProvider>
        <JoinTeamDialog db={db} isOpen initialUrl={initialUrl} onClose={() => undefined} onJoined={onJoined} />
      </NotifyProvider>
    </I18nextProvider>,
  );
  return { onJoined, user: userEvent.setup(), dialog: screen.getByRole('dialog', { name: 'Deelnemen aan een teamproject' }) };
}

async function join(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement) {
  await user.type(within(dialog).getByLabelText('Gebruikersnaam'), 'bram');
  await user.type(within(dialog).getByLabelText('Wachtwoord'), 'geheim');
  await user.click(within(dialog).getByRole('button', { name: 'Deelnemen' }));
}

beforeEach(() => {
  vi.clearAllMocks();
  signIn.mockResolvedValue({ ok: true, value: { name: 'bram', roles: [] } });
});

describe('joining a team project', () => {
  it('opens from a lead’s link with the database filled in', async () => {
    const db = freshDb();
    render(
      <I18nextProvider i18n={testI18n('nl')}>
        <NotifyProvider>
          <StartScreen db={db} joinUrl={DATABASE} />
        </NotifyProvider>
      </I18nextProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Deelnemen aan een teamproject' });
    expect(within(dialog).getByLabelText('Database-URL')).toHaveValue(DATABASE);
    expect(screen.getByRole('button', { name: 'Deelnemen aan een teamproject…', hidden: true })).toBeInTheDocument();
  });

  it('codes under the user name unless another name is typed, and opens the project', async () => {
    inspectDatabase.mockResolvedValue(readable('exists'));
    joinProject.mockResolvedValue({ ok: true, value: { projectGuid: PROJECT, link: { url: DATABASE, user: 'bram', role: 'coder', connectedAt: '' } } });
    const { user, dialog, onJoined } = renderDialog(freshDb());
    await user.type(within(dialog).getByLabelText('Gebruikersnaam'), 'bram');
    expect(within(dialog).getByLabelText('Je naam als codeur')).toHaveValue('bram');
    await user.type(within(dialog).getByLabelText('Wachtwoord'), 'geheim');
    await user.click(within(dialog).getByRole('button', { name: 'Deelnemen' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledWith(PROJECT));
    expect(joinProject).toHaveBeenCalledWith(DATABASE, 'bram', 'bram', expect.anything(), expect.anything());
    expect(teamSync.start).toHaveBeenCalledWith(PROJECT, expect.objectContaining({ role: 'coder' }));
  });

  it('asks the lead to add the user name when the user is not a member', async () => {
    inspectDatabase.mockResolvedValue(readable('no-access'));
    const { user, dialog, onJoined } = renderDialog(freshDb());
    await join(user, dialog);
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('vraag dan de projectleider je gebruikersnaam toe te voegen aan de teamleden');
    expect(alert).toHaveTextContent('Er is geen project aan deze browser toegevoegd.');
    expect(joinProject).not.toHaveBeenCalled();
    expect(onJoined).not.toHaveBeenCalled();
  });

  it('says the lead has not connected a project yet when the database is empty', async () => {
    inspectDatabase.mockResolvedValue(readable('exists'));
    joinProject.mockResolvedValue({ ok: false, reason: 'empty-database' });
    const { user, dialog } = renderDialog(freshDb());
    await join(user, dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Er staat nog geen project in deze database. De projectleider moet het project eerst verbinden');
  });

  it('says the project is here already', async () => {
    inspectDatabase.mockResolvedValue(readable('exists'));
    joinProject.mockResolvedValue({ ok: false, reason: 'already-here' });
    const { user, dialog } = renderDialog(freshDb());
    await join(user, dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Dit project staat al in deze browser, maar is niet verbonden met deze database.');
  });

  it('says the database does not exist', async () => {
    inspectDatabase.mockResolvedValue(readable('missing'));
    const { user, dialog } = renderDialog(freshDb());
    await join(user, dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Deze database bestaat niet op de server.');
  });
});
