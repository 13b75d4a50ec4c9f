import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { addDocuments } from '../../../commands/documents';
import { assert } from '../../../domain/assert';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';
import { projectContext } from '../documents/test-helpers';
import { PhaseGuideButton } from './PhaseGuide';
import { ReadTick, ReadToggle } from './ReadMark';

/** The project as the project screen provides it: read live, so that a change shows. */
function Live({ base, children }: { base: ProjectContextValue; children: ReactNode }) {
  const project = useLiveQuery(() => base.db.projects.get(base.project.guid), [base]);
  if (!project) return null;
  return <ProjectContext.Provider value={{ ...base, project }}>{children}</ProjectContext.Provider>;
}

function renderLive(ctx: ProjectContextValue, ui: ReactNode) {
  return render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <Live base={ctx}>{ui}</Live>
      </NotifyProvider>
    </I18nextProvider>,
  );
}

describe('the phase guide', () => {
  let ctx: ProjectContextValue;
  const user = userEvent.setup();
  beforeEach(async () => {
    ctx = await projectContext();
  });
  afterEach(() => ctx.db.close());

  it('shows the phase in the header, opens without blocking, and closes with Escape back to its button', async () => {
    renderLive(ctx, <PhaseGuideButton />);
    const button = await screen.findByRole('button', { name: /Phase 1 of 6: Familiarising with the data/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    const panel = await screen.findByRole('dialog', { name: 'Phase guide' }, { timeout: 5000 });
    expect(panel).toHaveAttribute('aria-modal', 'false');
    // Focus moves to the heading in an effect after the panel appears: on a loaded machine a moment later.
    await waitFor(() => expect(within(panel).getByRole('heading', { name: 'Phase guide' })).toHaveFocus());
    // The six phases, the current one open with its checklist.
    expect(within(panel).getAllByRole('heading', { level: 3 }).map((h) => h.textContent?.replace(/\d+ of \d+ ticked$/, ''))).toEqual([
      '1. Familiarising with the data',
      '2. Generating initial codes',
      '3. Searching for themes',
      '4. Reviewing themes',
      '5. Defining and naming themes',
      '6. Producing the report',
    ]);
    expect(within(panel).getAllByRole('checkbox')).toHaveLength(3);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(button).toHaveFocus());
  });

  it('ticks a checklist item and sets the current phase, both stored with the project', async () => {
    renderLive(ctx, <PhaseGuideButton />);
    await user.click(await screen.findByRole('button', { name: /Phase 1 of 6/ }));
    const panel = await screen.findByRole('dialog', { name: 'Phase guide' }, { timeout: 5000 });
    await user.click(within(panel).getByRole('checkbox', { name: /Every document has been read/ }));
    await waitFor(() => expect(within(panel).getByRole('checkbox', { name: /Every document has been read/ })).toBeChecked());
    await user.click(within(panel).getByRole('button', { name: /^2\. Generating initial codes/ }));
    await user.click(within(panel).getByRole('button', { name: 'Make this the current phase' }));
    expect(await screen.findByRole('button', { name: /Phase 2 of 6: Generating initial codes/ })).toBeInTheDocument();
    // A checklist item from Braun & Clarke's 15 points says which one it is.
    expect(within(panel).getByRole('checkbox', { name: /Each document got equal attention in coding\. B&C 2/ })).not.toBeChecked();
    expect((await ctx.db.projects.get(ctx.project.guid))?.phase).toEqual({ current: 2, done: ['1.read-all'] });
  });

  it('links each phase to where it is done in Markeer', async () => {
    renderLive(ctx, <PhaseGuideButton />);
    await user.click(await screen.findByRole('button', { name: /Phase 1 of 6/ }));
    const panel = await screen.findByRole('dialog', { name: 'Phase guide' }, { timeout: 5000 });
    expect(within(panel).getByRole('link', { name: 'Memos' })).toHaveAttribute('href', `#/p/${ctx.project.guid}/a/memos`);
    await user.click(within(panel).getByRole('button', { name: /^3\. Searching for themes/ }));
    expect(within(panel).getByRole('link', { name: 'Themes' })).toHaveAttribute('href', `#/p/${ctx.project.guid}/a/themes`);
    await user.click(within(panel).getByRole('button', { name: /^6\. Producing the report/ }));
    await user.click(within(panel).getByRole('button', { name: 'Produce report…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Produce report' });
    expect(await within(dialog).findByText(/no themes yet/)).toBeInTheDocument();
    // Escape closes the report, not the guide.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Produce report' })).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Phase guide' })).toBeInTheDocument();
  });
});

describe('read marks', () => {
  it('marks a document as read by this coder and shows the tick, and takes it back', async () => {
    const ctx = await projectContext();
    const docs = await addDocuments(ctx.project.guid, [{ name: 'Ouder 1', text: 'Tekst.' }], { db: ctx.db, firstOrder: 0 });
    assert(docs.ok && docs.value[0], 'document added');
    const guid = docs.value[0];
    function Doc() {
      const doc = useLiveQuery(() => ctx.db.documents.get([ctx.project.guid, guid]), []);
      return doc ? (
        <>
          <ReadToggle document={doc} />
          <ReadTick document={doc} />
        </>
      ) : null;
    }
    const user = userEvent.setup();
    renderLive(ctx, <Doc />);
    const toggle = await screen.findByRole('button', { name: 'Mark as read' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(await screen.findByRole('button', { name: 'Read ✓' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('read')).toBeInTheDocument();
    expect((await ctx.db.documents.get([ctx.project.guid, guid]))?.readBy).toEqual([ctx.coder.guid]);
    await user.click(screen.getByRole('button', { name: 'Read ✓' }));
    expect(await screen.findByRole('button', { name: 'Mark as read' })).toBeInTheDocument();
    expect(screen.queryByText('read')).toBeNull();
    ctx.db.close();
  });
});
