import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { testI18n } from '../../i18n/test-i18n';
import { CountGrid, type GridColumn, type GridRow } from './CountGrid';

const CODES = ['Ervaren werkdruk', 'Samenwerking met ouders', 'Professionele ontwikkeling', 'Ondersteuning door schoolleiding'];
const rows: GridRow[] = CODES.map((name, i) => ({ id: `code-${i}`, name, depth: 0, children: [] }));
const columns: GridColumn[] = CODES.map((name, i) => ({ key: `code-${i}`, label: name }));

function setUp(lang: 'nl' | 'en' = 'en') {
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={testI18n(lang)}>
      <CountGrid label="Codes against codes" rows={rows} columns={columns} value={() => 1} format={(n) => String(n)} onOpen={() => {}} firstHeader="Code" />
    </I18nextProvider>,
  );
  return { user };
}

describe('the count grid', () => {
  beforeEach(() => {
    // The grid 1000 px wide and its code column 200 px (jsdom has no layout): 800 px for the columns.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => 1000);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(() => 600);
    vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(() => 200);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(() => 600);
  });
  afterEach(() => vi.restoreAllMocks());

  it('has the columns share the width beside the code column, each header with its full name on hover', async () => {
    setUp();
    const grid = screen.getByRole('treegrid');
    await waitFor(() => expect(within(grid).getAllByRole('columnheader')).toHaveLength(CODES.length + 1));
    const headers = within(grid).getAllByRole('columnheader').slice(1);
    expect(headers.map((h) => h.textContent)).toEqual(CODES);
    expect(headers.map((h) => h.getAttribute('title'))).toEqual(CODES);
    await waitFor(() => expect(headers.map((h) => h.style.width)).toEqual(CODES.map(() => '200px')));
  });

  it('names the focused cell’s code and column in full below the grid, in Dutch too', async () => {
    const { user } = setUp('nl');
    const grid = screen.getByRole('treegrid');
    await waitFor(() => expect(within(grid).getAllByRole('gridcell').length).toBeGreaterThan(0));
    const where = document.querySelector('.matrix-where');
    expect(where?.textContent).toBe('');
    await user.click(within(grid).getAllByRole('rowheader')[0]!);
    expect(where?.textContent).toBe('Code: Ervaren werkdruk');
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(where?.textContent).toBe('Code: Samenwerking met ouders · Kolom: Professionele ontwikkeling');
    // The focused column's header is marked.
    expect(within(grid).getByRole('columnheader', { name: 'Professionele ontwikkeling' })).toHaveClass('is-active');
    await user.tab();
    expect(where?.textContent).toBe('');
  });
});
