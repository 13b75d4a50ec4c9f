import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { projectWithDocument } from '../../../commands/test-builders';
import type { MarkeerDb } from '../../../storage/db';
import * as server from '../../../sync/server';
import * as team from '../../../sync/team';
import { teamSync } from '../../../sync/manager';
import { ProjectMenu } from '../project/ProjectMenu';
import { TeamServerDialog } from './TeamServerDialog';
import { DATABASE, markConnected, projectContext, Screen } from './test-support';

vi.mock('../../../sync/server', async (original) => ({
  ...(await original<typeof import('../../../sync/server')>()),
  signIn: vi.fn(),
  prepareDatabase: vi.fn(),
  inspectDatabase: vi.fn(),
  setMembers: vi.fn(),
}));
vi.mock('../../../sync/team', async (original) => ({
  ...(await original<typeof import('../../../sync/team')>()),
  connectProject: vi.fn(),
  disconnectProject: vi.fn(),
}));
vi.mock('../../../sync/manager', () => {
  const engine = { restartReplication: vi.fn() };
  return {
    teamSync: {
      pouch: vi.fn(async () => ({ Pouch: {}, local: {} })),
      start: vi.fn(async () => engine),
      stop: vi.fn(async () => undefined),
      engine: vi.fn(() => engine),
      status: vi.fn(() => ({ state: { kind: 'synced', at: new Date().toISOString() }, refused: [], conflicts: [] })),
      subscribe: vi.fn(() => () => undefined),
      failure: vi.fn(() => null),
    },
  };
});

const signIn = vi.mocked(server.signIn);
const prepareDatabase = vi.mocked(server.prepareDatabase);
const inspectDatabase = vi.mocked(server.inspectDatabase);
const setMembers = vi.mocked(server.setMembers);
const connectProject = vi.mocked(team.connectProject);
const disconnectProject = vi.mocked(team.disconnectProject);

const signedIn = { ok: true as const, value: { name: 'anna', roles: [] } };
const prepared = { ok: true as const, value: { created: true, security: true, design: true } };

async function open() {
  const f = await projectWithDocument('[Ik zag het.]');
  const ctx = await projectContext(f.db, f.projectGuid);
  const user = userEvent.setup();
  render(
    <Screen ctx={ctx}>
      <TeamServerDialog isOpen onClose={() => undefined} />
    </Screen>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Team server' });
  await within(dialog).findByLabelText('Database URL');
  return { ...f, user, dialog };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, values: { url?: string; members?: string } = {}) {
  await user.type(within(dialog).getByLabelText('Database URL'), values.url ?? DATABASE);
  await user.type(within(dialog).getByLabelText('User name'), 'anna');
  await user.type(within(dialog).getByLabelText('Password'), 'geheim');
  await user.type(within(dialog).getByLabelText('Team members'), values.members ?? 'bram\nchris, dewi');
  await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
}

async function connectedHere(db: MarkeerDb, projectGuid: string): Promise<boolean> {
  return (await db.meta.get(`team:${projectGuid}`)) !== undefined;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('connecting a project to a team server', () => {
  it('is offered in the Project menu', async () => {
    const f = await projectWithDocument('[Ik zag het.]');
    const ctx = await projectContext(f.db, f.projectGuid);
    const user = userEvent.setup();
    render(
      <Screen ctx={ctx} lang="nl">
        <ProjectMenu onJump={() => undefined} />
      </Screen>,
    );
    await user.click(screen.getByRole('button', { name: /Project/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Teamserver…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Teamserver' });
    await within(dialog).findByLabelText('Database-URL');
    for (const label of ['Database-URL', 'Gebruikersnaam', 'Wachtwoord', 'Teamleden']) expect(within(dialog).getByLabelText(label)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Verbinden' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent(/bewaart je wachtwoord niet/);
  });

  it('says what is wrong with an address before asking the server anything', async () => {
    const { user, dialog } = await open();
    await fillIn(user, dialog, { url: 'https://anna:geheim@couch.example.org/interviews' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Do not put a user name or password in the address');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('says the password or name is wrong, and connects nothing', async () => {
    signIn.mockResolvedValue({ ok: false, reason: 'wrong-password', status: 401, detail: 'Name or password is incorrect.' });
    const { user, dialog, db, projectGuid } = await open();
    await fillIn(user, dialog);
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The server does not know this user name with this password');
    expect(alert).toHaveTextContent('The server said: “Name or password is incorrect.” (HTTP 401)');
    expect(alert).toHaveTextContent('Nothing in the project was changed.');
    expect(prepareDatabase).not.toHaveBeenCalled();
    expect(connectProject).not.toHaveBeenCalled();
    expect(await connectedHere(db, projectGuid)).toBe(false);
  });

  it('names the three reasons a server cannot be reached, with this app’s origin for CORS', async () => {
    signIn.mockResolvedValue({ ok: false, reason: 'unreachable', detail: 'Failed to fetch' });
    const { user, dialog } = await open();
    await fillIn(user, dialog);
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Are you online?');
    expect(alert).toHaveTextContent('Is the address right?');
    expect(alert).toHaveTextContent(`does the server allow ${location.origin} by CORS, with credentials?`);
    expect(alert).toHaveTextContent('Message: “Failed to fetch”');
  });

  it('asks for a server admin when the database cannot be created, with the server’s reason', async () => {
    signIn.mockResolvedValue(signedIn);
    prepareDatabase.mockResolvedValue({ ok: false, reason: 'cannot-create-database', status: 403, detail: 'You are not a server admin.' });
    const { user, dialog, db, projectGuid } = await open();
    await fillIn(user, dialog);
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('only a server administrator may. Ask them to create the database and make you its admin');
    expect(alert).toHaveTextContent('The server said: “You are not a server admin.” (HTTP 403)');
    expect(prepareDatabase).toHaveBeenCalledWith(expect.objectContaining({ url: DATABASE }), { lead: 'anna', members: ['bram', 'chris', 'dewi'] });
    expect(connectProject).not.toHaveBeenCalled();
    expect(await connectedHere(db, projectGuid)).toBe(false);
  });

  it.each([
    ['cannot-write-security', 'You may not set who the lead and the members of this database are'],
    ['cannot-install-rules', 'You may not put Markeer’s rules'],
    ['not-member', 'Your user name may not read this database'],
  ] as const)('explains %s', async (reason, text) => {
    signIn.mockResolvedValue(signedIn);
    prepareDatabase.mockResolvedValue({ ok: false, reason, status: 403, detail: 'forbidden' });
    const { user, dialog } = await open();
    await fillIn(user, dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(text);
  });

  it('refuses a database that holds another project', async () => {
    signIn.mockResolvedValue(signedIn);
    prepareDatabase.mockResolvedValue(prepared);
    connectProject.mockResolvedValue({ ok: false, reason: 'other-project' });
    const { user, dialog } = await open();
    await fillIn(user, dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This database holds another project already');
    expect(teamSync.start).not.toHaveBeenCalled();
  });

  it('connects, starts the sync and then shows the link for coders', async () => {
    signIn.mockResolvedValue(signedIn);
    prepareDatabase.mockResolvedValue(prepared);
    inspectDatabase.mockResolvedValue({
      ok: true,
      value: { session: { name: 'anna', roles: [] }, database: 'exists', security: { admins: { names: ['anna'], roles: [] }, members: { names: ['anna', 'bram'], roles: [] } }, designVersion: 1, role: 'lead' },
    });
    const { user, dialog, db, projectGuid } = await open();
    connectProject.mockImplementation(async (guid) => ({ ok: true, value: await markConnected(db, guid) }));
    await fillIn(user, dialog);
    const link = await within(dialog).findByRole('textbox', { name: 'Join link' });
    expect(link).toHaveValue(`${location.origin}${location.pathname}#/join?db=${encodeURIComponent(DATABASE)}`);
    expect(connectProject).toHaveBeenCalledWith(projectGuid, DATABASE, 'anna', expect.anything(), db);
    expect(teamSync.start).toHaveBeenCalledWith(projectGuid, expect.objectContaining({ url: DATABASE, role: 'lead' }));
    expect(dialog).toHaveTextContent('anna (lead)');
    // The lead's members, without the lead, to change.
    expect(await within(dialog).findByLabelText('Team members')).toHaveValue('bram');
    expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });
});

describe('a connected project in the Team server dialog', () => {
  it('saves the lead’s team members on the server', async () => {
    inspectDatabase.mockResolvedValue({
      ok: true,
      value: { session: { name: 'anna', roles: [] }, database: 'exists', security: { admins: { names: ['anna'], roles: [] }, members: { names: ['anna', 'bram'], roles: [] } }, designVersion: 1, role: 'lead' },
    });
    setMembers.mockResolvedValue({ ok: true, value: { admins: { names: ['anna'], roles: [] }, members: { names: ['bram', 'chris', 'anna'], roles: [] } } });
    const f = await projectWithDocument('[Ik zag het.]');
    await markConnected(f.db, f.projectGuid);
    const ctx = await projectContext(f.db, f.projectGuid);
    const user = userEvent.setup();
    render(
      <Screen ctx={ctx}>
        <TeamServerDialog isOpen onClose={() => undefined} />
      </Screen>,
    );
    const members = await screen.findByLabelText('Team members');
    await waitFor(() => expect(members).toHaveValue('bram'));
    await user.type(members, ', chris');
    await user.click(screen.getByRole('button', { name: 'Save team members' }));
    await waitFor(() => expect(setMembers).toHaveBeenCalledWith(expect.objectContaining({ url: DATABASE }), ['bram', 'chris']));
  });

  it('asks to sign in again when the session expired, and restarts the replication after', async () => {
    const { teamSync: sync } = await import('../../../sync/manager');
    vi.mocked(sync.status).mockReturnValue({ state: { kind: 'signed-out' }, refused: [], conflicts: [] });
    signIn.mockResolvedValue(signedIn);
    const f = await projectWithDocument('[Ik zag het.]');
    await markConnected(f.db, f.projectGuid, 'coder', 'bram');
    const ctx = await projectContext(f.db, f.projectGuid);
    const user = userEvent.setup();
    render(
      <Screen ctx={ctx}>
        <TeamServerDialog isOpen onClose={() => undefined} />
      </Screen>,
    );
    await user.type(await screen.findByLabelText('Password'), 'geheim');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(sync.engine(f.projectGuid)?.restartReplication).toHaveBeenCalled());
    expect(signIn).toHaveBeenCalledWith(expect.objectContaining({ url: DATABASE }), 'bram', 'geheim');
    // A coder has no member list to change.
    expect(screen.queryByLabelText('Team members')).not.toBeInTheDocument();
  });

  it('disconnects this browser only after a confirmation', async () => {
    const f = await projectWithDocument('[Ik zag het.]');
    await markConnected(f.db, f.projectGuid, 'coder', 'bram');
    disconnectProject.mockImplementation(async (guid, _env, db) => {
      await db?.meta.delete(`team:${guid}`);
    });
    const ctx = await projectContext(f.db, f.projectGuid);
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <Screen ctx={ctx}>
        <TeamServerDialog isOpen onClose={onClose} />
      </Screen>,
    );
    await user.click(await screen.findByRole('button', { name: 'Disconnect in this browser…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Disconnect the project in this browser?' });
    expect(confirm).toHaveTextContent('Nothing changes on the server');
    expect(disconnectProject).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(teamSync.stop).toHaveBeenCalledWith(f.projectGuid);
    expect(await connectedHere(f.db, f.projectGuid)).toBe(false);
  });
});
