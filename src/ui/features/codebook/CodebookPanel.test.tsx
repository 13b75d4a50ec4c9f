import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { addCode } from '../../../commands/codes';
import { applyCode } from '../../../commands/coding';
import { createProject } from '../../../commands/projects';
import type { Guid } from '../../../domain/model';
import { MarkeerDb } from '../../../storage/db';
import { initI18n } from '../../i18n';
import { ProjectContext } from '../../shell/project-context';
import { CodebookPanel } from './CodebookPanel';

interface Fixture {
  readonly db: MarkeerDb;
  readonly projectGuid: Guid;
  readonly coderGuid: Guid;
  add(name: string, parentGuid?: Guid | null): Promise<Guid>;
}

async function newProject(): Promise<Fixture> {
  const db = new MarkeerDb('test-' + crypto.randomUUID());
  const created = await createProject({ name: 'Veerkracht', coderName: 'Anna', template: null, lang: 'en', db });
  if (!created.ok) throw new Error(created.reason);
  const { projectGuid, coderGuid } = created.value;
  return {
    db,
    projectGuid,
    coderGuid,
    async add(name, parentGuid = null) {
      const result = await addCode(projectGuid, { name, parentGuid }, db);
      if (!result.ok) throw new Error(result.reason);
      return result.value;
    },
  };
}

/** Reads the project from the database as the project screen does, and provides it. */
function Harness({ fixture, canApply = false, onActivateCode }: { fixture: Fixture; canApply?: boolean; onActivateCode(guid: string): void }) {
  const { db, projectGuid } = fixture;
  const project = useLiveQuery(() => db.projects.get(projectGuid), [db, projectGuid]);
  const coders = useLiveQuery(() => db.coders.where('projectGuid').equals(projectGuid).toArray(), [db, projectGuid]);
  const codes = useLiveQuery(() => db.codes.where('projectGuid').equals(projectGuid).toArray(), [db, projectGuid]);
  const codings = useLiveQuery(() => db.codings.where('projectGuid').equals(projectGuid).toArray(), [db, projectGuid]);
  const [selected, setSelected] = useState<string | null>(null);
  const counts = useMemo(() => {
    const byCode = new Map<string, number>();
    for (const coding of codings ?? []) byCode.set(coding.codeGuid, (byCode.get(coding.codeGuid) ?? 0) + 1);
    return byCode;
  }, [codings]);
  const coder = coders?.find((c) => c.guid === project?.ownerCoderGuid);
  if (!project || !coders || !coder || !codes) return null;
  return (
    <ProjectContext.Provider value={{ db, project, coder, coders, codes }}>
      <CodebookPanel
        codingCounts={counts}
        selectedCodeGuid={selected}
        onSelectCode={setSelected}
        onActivateCode={onActivateCode}
        canApply={canApply}
      />
    </ProjectContext.Provider>
  );
}

async function renderPanel(fixture: Fixture, options: { canApply?: boolean } = {}) {
  const onActivateCode = vi.fn();
  const user = userEvent.setup();
  render(<Harness fixture={fixture} canApply={options.canApply} onActivateCode={onActivateCode} />);
  await screen.findByRole('heading', { name: 'Codebook' });
  return { user, onActivateCode };
}

const row = (name: string) => screen.getByRole('treeitem', { name });
const rowNames = () => screen.queryAllByRole('treeitem').map((item) => item.querySelector('.cb-name')?.textContent);

/** Motivation > (Intrinsic, Extrinsic), Parents. */
async function motivationCodebook() {
  const fixture = await newProject();
  const motivation = await fixture.add('Motivation');
  const intrinsic = await fixture.add('Intrinsic', motivation);
  const extrinsic = await fixture.add('Extrinsic', motivation);
  const parents = await fixture.add('Parents');
  return { fixture, motivation, intrinsic, extrinsic, parents };
}

beforeAll(async () => {
  await initI18n('en').changeLanguage('en');
});

describe('CodebookPanel', () => {
  it('shows nested codes as a tree with levels', async () => {
    const { fixture } = await motivationCodebook();
    await renderPanel(fixture);

    expect(await screen.findByRole('tree', { name: 'Codes' })).toBeInTheDocument();
    expect(rowNames()).toEqual(['Motivation', 'Intrinsic', 'Extrinsic', 'Parents']);
    expect(row('Motivation')).toHaveAttribute('aria-level', '1');
    expect(row('Motivation')).toHaveAttribute('aria-expanded', 'true');
    expect(row('Intrinsic')).toHaveAttribute('aria-level', '2');
    expect(row('Intrinsic')).toHaveAttribute('aria-posinset', '1');
    expect(row('Intrinsic')).toHaveAttribute('aria-setsize', '2');
    expect(row('Intrinsic')).not.toHaveAttribute('aria-expanded');
    expect(row('Parents')).toHaveAttribute('aria-selected', 'false');
  });

  it('keeps one row in the tab order and moves focus with the arrow keys', async () => {
    const { fixture } = await motivationCodebook();
    const { user } = await renderPanel(fixture);
    await screen.findByRole('tree');

    expect(screen.getAllByRole('treeitem').filter((item) => item.tabIndex === 0)).toEqual([row('Motivation')]);
    act(() => row('Motivation').focus());
    await user.keyboard('{ArrowDown}');
    expect(row('Intrinsic')).toHaveFocus();
    await user.keyboard('{End}');
    expect(row('Parents')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(row('Extrinsic')).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(row('Motivation')).toHaveFocus();

    await user.keyboard('{ArrowLeft}');
    expect(row('Motivation')).toHaveAttribute('aria-expanded', 'false');
    expect(rowNames()).toEqual(['Motivation', 'Parents']);
    await user.keyboard('{ArrowRight}');
    expect(rowNames()).toEqual(['Motivation', 'Intrinsic', 'Extrinsic', 'Parents']);
    await user.keyboard('{ArrowRight}');
    expect(row('Intrinsic')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(row('Motivation')).toHaveFocus();
    expect(row('Motivation').tabIndex).toBe(0);
  });

  it('narrows the tree to matching codes and their ancestors, ignoring case and accents', async () => {
    const { fixture, intrinsic } = await motivationCodebook();
    await fixture.add('Café talk', intrinsic);
    const { user } = await renderPanel(fixture);
    await screen.findByRole('tree');

    await user.type(screen.getByRole('searchbox', { name: 'Filter codes' }), 'CAFE');
    expect(rowNames()).toEqual(['Motivation', 'Intrinsic', 'Café talk']);

    await user.clear(screen.getByRole('searchbox', { name: 'Filter codes' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter codes' }), 'nothing like it');
    expect(screen.queryByRole('tree')).not.toBeInTheDocument();
    expect(screen.getByText('No code matches “nothing like it”.')).toBeInTheDocument();
  });

  it('stores a code added with the New code button', async () => {
    const fixture = await newProject();
    const { user } = await renderPanel(fixture);
    expect(screen.getByText('No codes yet. Add a code to start coding.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New code' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of the new code' }), 'Self-efficacy{Enter}');

    await waitFor(async () => expect((await fixture.db.codes.toArray()).map((c) => c.name)).toEqual(['Self-efficacy']));
    expect(await screen.findByRole('treeitem', { name: 'Self-efficacy' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(row('Self-efficacy')).toHaveFocus());
  });

  it('adds a sub-code of the selected code from the details area', async () => {
    const { fixture, parents } = await motivationCodebook();
    const { user } = await renderPanel(fixture);
    await user.click(await screen.findByRole('treeitem', { name: 'Parents' }));

    await user.click(screen.getByRole('button', { name: 'Add sub-code' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of the new sub-code of “Parents”' }), 'Support{Enter}');

    await waitFor(async () => {
      const stored = await fixture.db.codes.filter((c) => c.name === 'Support').first();
      expect(stored?.parentGuid).toBe(parents);
    });
    expect(await screen.findByRole('treeitem', { name: 'Support' })).toHaveAttribute('aria-level', '2');
  });

  it('cancels adding a code with Escape', async () => {
    const fixture = await newProject();
    const { user } = await renderPanel(fixture);
    await user.click(screen.getByRole('button', { name: 'New code' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of the new code' }), 'Draft{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Name of the new code' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New code' })).toHaveFocus();
    expect(await fixture.db.codes.count()).toBe(0);
  });

  it('renames a code inline with F2', async () => {
    const { fixture, parents } = await motivationCodebook();
    const { user } = await renderPanel(fixture);
    act(() => (screen.getAllByRole('treeitem')[3] as HTMLElement).focus());

    await user.keyboard('{F2}');
    const input = screen.getByRole('textbox', { name: 'New name for “Parents”' });
    await user.clear(input);
    await user.type(input, 'Family{Enter}');

    await waitFor(async () => expect((await fixture.db.codes.get([fixture.projectGuid, parents]))?.name).toBe('Family'));
    await waitFor(() => expect(row('Family')).toHaveFocus());
  });

  it('reorders siblings with Alt+ArrowUp', async () => {
    const { fixture } = await motivationCodebook();
    const { user } = await renderPanel(fixture);
    act(() => screen.getAllByRole('treeitem')[2]?.focus());
    expect(row('Extrinsic')).toHaveFocus();

    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');

    await waitFor(() => expect(rowNames()).toEqual(['Motivation', 'Extrinsic', 'Intrinsic', 'Parents']));
    await waitFor(() => expect(row('Extrinsic')).toHaveFocus());
  });

  it('calls onActivateCode on Enter and selects the code when no text is selected', async () => {
    const { fixture, intrinsic } = await motivationCodebook();
    const { user, onActivateCode } = await renderPanel(fixture);
    act(() => row('Motivation').focus());

    await user.keyboard('{ArrowDown}{Enter}');

    expect(onActivateCode).toHaveBeenCalledWith(intrinsic);
    expect(row('Intrinsic')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { name: 'Intrinsic' })).toBeInTheDocument();
  });

  it('applies on click without taking the text selection away', async () => {
    const { fixture, parents } = await motivationCodebook();
    const { onActivateCode } = await renderPanel(fixture, { canApply: true });

    const mouseDownAllowed = fireEvent.mouseDown(row('Parents'));
    fireEvent.click(row('Parents'));

    expect(mouseDownAllowed).toBe(false);
    expect(onActivateCode).toHaveBeenCalledWith(parents);
    expect(row('Parents')).toHaveAttribute('aria-selected', 'true');
    expect(row('Parents')).not.toHaveFocus();
  });

  it('shows the definition on hover and saves an edited definition', async () => {
    const { fixture, parents } = await motivationCodebook();
    const { user } = await renderPanel(fixture);
    await user.click(await screen.findByRole('treeitem', { name: 'Parents' }));

    await user.type(screen.getByRole('textbox', { name: 'Definition' }), 'What parents do and say');
    await user.click(screen.getByRole('button', { name: 'Save definition' }));

    await waitFor(async () => expect((await fixture.db.codes.get([fixture.projectGuid, parents]))?.definition).toBe('What parents do and say'));
    await waitFor(() => expect(row('Parents')).toHaveAttribute('title', 'What parents do and say'));
  });

  it('deletes a code with codings after moving them to the code the user picks', async () => {
    const { fixture, motivation, intrinsic, parents } = await motivationCodebook();
    const { db, projectGuid, coderGuid } = fixture;
    const documentGuid = crypto.randomUUID();
    await db.documentTexts.put({ documentGuid, projectGuid, text: 'I want to learn this.', turns: [] });
    const applied = await applyCode({ projectGuid, documentGuid, coderGuid, codeGuid: intrinsic, start: 0, end: 21 }, db);
    expect(applied.ok).toBe(true);
    const { user } = await renderPanel(fixture);

    // Counts roll up: the parent shows its sub-code's coding.
    await waitFor(() => expect(row('Motivation')).toHaveAccessibleDescription('1 coding'));
    await user.click(row('Intrinsic'));
    await user.click(screen.getByRole('button', { name: 'Delete' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Delete code “Intrinsic”?' });
    expect(within(dialog).getByText('This code has been applied 1 time.')).toBeInTheDocument();
    const choice = within(dialog).getByRole('combobox', { name: 'What should happen to its codings?' });
    expect(choice).toHaveValue(motivation);
    await user.selectOptions(choice, parents);
    await user.click(within(dialog).getByRole('button', { name: 'Delete code' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(await db.codes.get([projectGuid, intrinsic])).toBeUndefined();
    const codings = await db.codings.where('projectGuid').equals(projectGuid).toArray();
    expect(codings.map((c) => c.codeGuid)).toEqual([parents]);
    await waitFor(() => expect(row('Parents')).toHaveAccessibleDescription('1 coding'));
  });

  it('says that sub-codes move up when their parent is deleted', async () => {
    const { fixture, motivation } = await motivationCodebook();
    const { user } = await renderPanel(fixture);
    act(() => row('Motivation').focus());

    await user.keyboard('{Delete}');
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('Its 2 sub-codes move up to the top level.')).toBeInTheDocument();
    expect(within(dialog).getByText('This code has not been applied anywhere yet.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete code' }));

    await waitFor(() => expect(rowNames()).toEqual(['Parents', 'Intrinsic', 'Extrinsic']));
    expect(screen.getAllByRole('treeitem').every((item) => item.getAttribute('aria-level') === '1')).toBe(true);
    expect(await fixture.db.codes.get([fixture.projectGuid, motivation])).toBeUndefined();
  });
});
