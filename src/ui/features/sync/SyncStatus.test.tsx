import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyCode } from '../../../commands/coding';
import { CODE_SIGNALEN_OPMERKEN, projectWithDocument } from '../../../commands/test-builders';
import type { SyncState, SyncStatus as Status } from '../../../sync/engine';
import { SyncStatus } from './SyncStatus';
import { markConnected, projectContext, Screen } from './test-support';

/** A fake engine: the status the test sets, and what the user's choices call. */
const fake = vi.hoisted(() => {
  const listeners = new Set<() => void>();
  const engine = {
    dismissRefused: vi.fn(async () => undefined),
    conflictVersions: vi.fn(),
    resolveConflict: vi.fn(async () => undefined),
    restartReplication: vi.fn(),
  };
  return {
    status: null as unknown,
    failure: null as string | null,
    engine,
    listeners,
    set(status: unknown) {
      this.status = status;
      for (const l of listeners) l();
    },
  };
});

vi.mock('../../../sync/manager', () => ({
  teamSync: {
    status: () => fake.status,
    subscribe: (l: () => void) => {
      fake.listeners.add(l);
      return () => fake.listeners.delete(l);
    },
    engine: () => fake.engine,
    failure: () => fake.failure,
  },
}));

const only = (state: SyncState): Status => ({ state, refused: [], conflicts: [] });

async function setUp(lang: 'nl' | 'en' = 'nl', connected = true) {
  const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
  if (connected) await markConnected(f.db, f.projectGuid);
  const ctx = await projectContext(f.db, f.projectGuid);
  render(
    <Screen ctx={ctx} lang={lang}>
      <SyncStatus />
    </Screen>,
  );
  return f;
}

const statusButton = () => screen.findByRole('button', { name: /^(Synchronisatie|Sync):/ });

beforeEach(() => {
  vi.clearAllMocks();
  fake.status = null;
});

describe('the sync status in the project header', () => {
  it('shows nothing for a project that is not connected', async () => {
    await setUp('nl', false);
    // Time for the project's link to be read (and found missing).
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says in a few words where each state stands', async () => {
    await setUp('nl');
    expect(await statusButton()).toHaveAccessibleName('Synchronisatie: Verbinden…');
    const since = new Date();
    since.setHours(10, 42, 0, 0);
    const cases: [SyncState, string][] = [
      [{ kind: 'synced', at: new Date().toISOString() }, 'Gesynchroniseerd'],
      [{ kind: 'syncing', pending: 3 }, '3 wijzigingen onderweg'],
      [{ kind: 'syncing', pending: 1 }, '1 wijziging onderweg'],
      [{ kind: 'offline', since: since.toISOString(), pending: 5 }, 'Offline sinds 10:42 · 5 wachten'],
      [{ kind: 'signed-out' }, 'Opnieuw aanmelden'],
      [{ kind: 'refused', status: 403, reason: 'markeer:not-member' }, 'Geweigerd'],
    ];
    for (const [state, text] of cases) {
      act(() => fake.set(only(state)));
      const button = await statusButton();
      await waitFor(() => expect(button).toHaveTextContent(text));
      expect(button).toHaveAccessibleName(`Synchronisatie: ${text}`);
    }
  });

  it('announces the kind of state politely, not every count', async () => {
    await setUp('en');
    await statusButton();
    act(() => fake.set(only({ kind: 'syncing', pending: 3 })));
    const live = document.querySelector('[aria-live="polite"]:not(.notices)');
    await waitFor(() => expect(live).toHaveTextContent('Sync: in progress'));
    act(() => fake.set(only({ kind: 'syncing', pending: 2 })));
    expect(live).toHaveTextContent(/^Sync: in progress$/);
    act(() => fake.set({ ...only({ kind: 'synced', at: new Date().toISOString() }), conflicts: ['codes:x'] }));
    expect(live).toHaveTextContent('Sync: everything in sync, 1 conflict');
  });

  it('shows the state in full when opened, and offers to sign in again', async () => {
    await setUp('en');
    act(() => fake.set(only({ kind: 'signed-out' })));
    const user = userEvent.setup();
    await user.click(await statusButton());
    const details = await screen.findByRole('dialog', { name: 'Sync with the team server' });
    expect(details).toHaveTextContent('The team server no longer knows your sign-in');
    expect(within(details).getByRole('button', { name: 'Sign in again…' })).toBeInTheDocument();
  });

  it('names a refused change and why, keeps it, and forgets the notice when understood', async () => {
    const f = await setUp('en');
    const coded = await applyCode({ projectGuid: f.projectGuid, documentGuid: f.documentGuid, coderGuid: f.coderGuid, codeGuid: CODE_SIGNALEN_OPMERKEN, ...f.range }, f.db);
    expect(coded.ok).toBe(true);
    const segment = (await f.db.segments.toArray())[0];
    const id = `segments:${segment?.guid}`;
    act(() =>
      fake.set({
        state: { kind: 'synced', at: new Date().toISOString() },
        refused: [{ id, table: 'segments', key: segment?.guid, reason: 'markeer:not-owner:segments:bram', at: new Date().toISOString() }],
        conflicts: [],
      }),
    );
    const user = userEvent.setup();
    const button = await statusButton();
    expect(button).toHaveAccessibleName('Sync: Synced, 1 refused change');
    await user.click(button);
    const details = await screen.findByRole('dialog', { name: 'Sync with the team server' });
    expect(await within(details).findByText('segment ‘dat hij niet online kwam’ by Anna')).toBeInTheDocument();
    expect(details).toHaveTextContent('This is the work of bram: only that coder may change it.');
    expect(details).toHaveTextContent('They stay in this browser and in your exports');
    await user.click(within(details).getByRole('button', { name: 'Understood' }));
    expect(fake.engine.dismissRefused).toHaveBeenCalledWith([id]);
  });

  it('lists a conflict and shows its versions side by side, to keep one', async () => {
    const f = await setUp('en');
    const id = `codes:${CODE_SIGNALEN_OPMERKEN}`;
    const code = await f.db.codes.get([f.projectGuid, CODE_SIGNALEN_OPMERKEN]);
    fake.engine.conflictVersions.mockResolvedValue([
      { rev: '2-a', doc: { _id: id, table: 'codes', owner: null, data: { ...code, name: 'Signalen zien', color: '#1d4e89' } } },
      { rev: '2-b', doc: { _id: id, table: 'codes', owner: null, data: { ...code, name: 'Signalen opmerken (ouders)', color: '#bc6c25' } } },
    ]);
    act(() => fake.set({ ...only({ kind: 'synced', at: new Date().toISOString() }), conflicts: [id] }));
    const user = userEvent.setup();
    const button = await statusButton();
    expect(button).toHaveAccessibleName('Sync: Synced, 1 conflict');
    await user.click(button);
    const details = await screen.findByRole('dialog', { name: 'Sync with the team server' });
    await user.click(await within(details).findByRole('button', { name: `code ‘${code?.name}’: see the versions…` }));

    const dialog = await screen.findByRole('dialog', { name: `Conflict: code ‘${code?.name}’` });
    const table = await within(dialog).findByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Version 1 (shown now)', 'Version 2']);
    expect(within(table).getByRole('row', { name: /Name/ })).toHaveTextContent('Signalen zien');
    expect(within(table).getByRole('row', { name: /Name/ })).toHaveTextContent('Signalen opmerken (ouders)');
    expect(within(table).getByRole('row', { name: /Colour/ })).toHaveTextContent('#bc6c25');
    const keep = within(table).getAllByRole('button', { name: 'Keep this one' });
    expect(keep).toHaveLength(2);
    await user.click(keep[1] as HTMLElement);
    expect(fake.engine.resolveConflict).toHaveBeenCalledWith(id, '2-b');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Conflict/ })).not.toBeInTheDocument());
    // The focus goes back to the status, where the user came from.
    await waitFor(() => expect(button).toHaveFocus());
  });
});
