import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addCode } from '../../../commands/codes';
import { history } from '../../../commands/history';
import { createTheme, placeCode } from '../../../commands/themes';
import { assert } from '../../../domain/assert';
import type { Theme } from '../../../domain/model';
import type { ProjectContextValue } from '../../shell/project-context';
import { useProjectData } from '../analysis/useProjectData';
import { projectContext, renderInProject } from '../documents/test-helpers';
import ThemesTab from './ThemesTab';

function Host() {
  const data = useProjectData();
  return data ? <ThemesTab data={data} onJump={() => undefined} /> : null;
}

/**
 * jsdom lays nothing out: every column is 280 px wide side by side, every card 40 px high under
 * the one before, so that dnd-kit's keyboard coordinates find the column to the right.
 */
function layOutBoard(): () => void {
  const original = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const column = this.closest('[data-column]');
    const c = Number(column?.getAttribute('data-column') ?? -1);
    const rect = (left: number, top: number, width: number, height: number) =>
      ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
    if (c >= 0 && this.matches('ul.theme-cards')) return rect(c * 300, 100, 280, 600);
    if (c >= 0 && this.matches('li[data-row]')) return rect(c * 300 + 10, 110 + Number(this.getAttribute('data-row')) * 50, 260, 40);
    if (c >= 0 && this.matches('.theme-card-handle')) {
      const li = this.closest('li[data-row]');
      return rect(c * 300 + 10, 110 + Number(li?.getAttribute('data-row')) * 50, 200, 40);
    }
    return original.call(this);
  };
  return () => {
    Element.prototype.getBoundingClientRect = original;
  };
}

describe('ThemeBoard', () => {
  let ctx: ProjectContextValue;
  let restore: () => void;
  const user = userEvent.setup();
  const themes = async (): Promise<Theme[]> => ctx.db.themes.where('projectGuid').equals(ctx.project.guid).toArray();
  const codeGuid = async (name: string) => (await ctx.db.codes.where('projectGuid').equals(ctx.project.guid).toArray()).find((c) => c.name === name)!.guid;
  const column = (name: string) => screen.getByRole('region', { name });
  const cardNames = (name: string) => [...column(name).querySelectorAll('.theme-card-name')].map((n) => n.textContent);

  beforeEach(async () => {
    history.clear();
    restore = layOutBoard();
    ctx = await projectContext();
    for (const name of ['Bellen', 'Mailen', 'Vertrouwen']) assert((await addCode(ctx.project.guid, { name, parentGuid: null }, ctx.db)).ok, 'code added');
    assert((await createTheme(ctx.project.guid, { name: 'Contact' }, ctx.db)).ok, 'theme created');
  });
  afterEach(() => {
    restore();
    ctx.db.close();
  });

  it('picks up a card with space, moves it to the next column with the arrow key, drops it with space, and announces each step', async () => {
    renderInProject(ctx, <Host />);
    await waitFor(() => expect(cardNames('Codes without a theme')).toEqual(['Bellen', 'Mailen', 'Vertrouwen']), { timeout: 5000 });
    const handle = within(column('Codes without a theme')).getByRole('button', { name: /^Bellen,\s*0 segments$/ });
    handle.focus();
    await user.keyboard('[Space]');
    await waitFor(() => expect(document.body).toHaveTextContent('Picked up code Bellen, in Codes without a theme, position 1 of 3.'));
    await user.keyboard('[ArrowRight]');
    await waitFor(() => expect(cardNames('Contact')).toEqual(['Bellen']));
    expect(document.body).toHaveTextContent('Code Bellen is over Contact');
    await user.keyboard('[Space]');
    await waitFor(async () => expect((await themes())[0]?.codeGuids).toEqual([await codeGuid('Bellen')]));
    await waitFor(() => expect(cardNames('Codes without a theme')).toEqual(['Mailen', 'Vertrouwen']));
    expect(cardNames('Contact')).toEqual(['Bellen']);
    expect(document.body).toHaveTextContent('Code Bellen dropped in Contact, position 1 of 1.');
  });

  it('puts a card back where it was when Escape cancels the move', async () => {
    renderInProject(ctx, <Host />);
    await waitFor(() => expect(cardNames('Codes without a theme')).toHaveLength(3), { timeout: 5000 });
    within(column('Codes without a theme')).getByRole('button', { name: /^Mailen,\s*0 segments$/ }).focus();
    await user.keyboard('[Space]');
    await user.keyboard('[ArrowRight]');
    await waitFor(() => expect(cardNames('Contact')).toEqual(['Mailen']));
    await user.keyboard('[Escape]');
    await waitFor(() => expect(cardNames('Codes without a theme')).toEqual(['Bellen', 'Mailen', 'Vertrouwen']));
    expect((await themes())[0]?.codeGuids).toEqual([]);
    expect(document.body).toHaveTextContent('Moving code Mailen was cancelled');
  });

  it('moves a card through its “Move to…” menu, and creates a theme from the board', async () => {
    renderInProject(ctx, <Host />);
    await waitFor(() => expect(cardNames('Codes without a theme')).toHaveLength(3), { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: 'Name of the new theme' }), 'Vertrouwen en zorg{Enter}');
    await waitFor(() => expect(column('Vertrouwen en zorg')).toBeInTheDocument());
    await user.click(within(column('Codes without a theme')).getByRole('button', { name: 'Vertrouwen: move to…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Vertrouwen en zorg' }));
    await waitFor(() => expect(cardNames('Vertrouwen en zorg')).toEqual(['Vertrouwen']));
    // A code is in one theme only: moving it on takes it out of the first.
    await act(async () => {
      await placeCode(ctx.project.guid, await codeGuid('Vertrouwen'), (await themes()).find((t) => t.name === 'Contact')!.guid, undefined, ctx.db);
    });
    await waitFor(() => expect(cardNames('Contact')).toEqual(['Vertrouwen']));
    expect(cardNames('Vertrouwen en zorg')).toEqual([]);
  });
});
