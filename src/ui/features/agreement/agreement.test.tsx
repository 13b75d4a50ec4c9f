import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { applyCode } from '../../../commands/coding';
import { addCode } from '../../../commands/codes';
import { CONSENSUS_CODER_NAME } from '../../../commands/consensus';
import { addDocuments } from '../../../commands/documents';
import { history } from '../../../commands/history';
import { projectWithDocument } from '../../../commands/test-builders';
import { computeAgreement } from '../../../domain/agreement';
import { code as testCode, coding } from '../../../domain/agreement/test-builders';
import { createCoder } from '../../../domain/factories';
import type { Guid } from '../../../domain/model';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext } from '../../shell/project-context';
import { agreementCsv } from './agreement-csv';
import { AgreementDialog } from './AgreementDialog';
import { agreementStrings } from './strings';

const TEXT = 'Ik zag dat hij niet online kwam die week. Ik was boos.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });


async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/**
 * Anna coded "dat hij niet online" and Bram "niet online kwam die week" with "Boos" (under
 * "Emotie"), in the first of two documents; the second nobody coded.
 */
async function setUp() {
  const f = await projectWithDocument(`[${TEXT}]`, null);
  const emotie = await must(addCode(f.projectGuid, { name: 'Emotie', parentGuid: null }, f.db));
  const boos = await must(addCode(f.projectGuid, { name: 'Boos', parentGuid: emotie }, f.db));
  const [quiet] = await must(addDocuments(f.projectGuid, [{ name: 'Stil', text: 'Niets aan de hand.' }], { db: f.db, firstOrder: 1 }));
  const bram = createCoder(f.projectGuid, 'Bram', '#b5179e');
  await f.db.coders.put(bram);
  const code = (coderGuid: Guid, text: string) => must(applyCode({ ...f, coderGuid, codeGuid: boos, ...at(text) }, f.db));
  await code(f.coderGuid, 'dat hij niet online');
  await code(bram.guid, 'niet online kwam die week');
  history.clear();

  const data = await readProjectData(f.db, f.projectGuid);
  const owner = data?.coders.find((c) => c.guid === f.coderGuid);
  if (!data || !owner) throw new Error('no project');
  const onJump = vi.fn();
  const onClose = vi.fn();
  const user = userEvent.setup();
  const ui = (coders = data.coders) => (
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectContext.Provider value={{ db: f.db, project: data.project, coder: owner, coders, codes: data.codes }}>
          <AgreementDialog isOpen onClose={onClose} onJump={onJump} />
        </ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>
  );
  const view = render(ui());
  const dialog = await screen.findByRole('dialog', { name: 'Agreement between coders' });
  return { ...f, boos, quiet: quiet as Guid, bram: bram.guid, onJump, onClose, user, dialog, rerender: view.rerender, ui };
}

/** The texts of a table row's cells, its header cell first. */
const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((c) => c.textContent);

beforeEach(() => history.clear());

describe('AgreementDialog', () => {
  it('compares the two coders: characters coded by both, by one only and by neither', async () => {
    const s = await setUp();
    const table = await within(s.dialog).findByRole('table', { name: /Per code/ });
    const boos = within(table).getByRole('row', { name: /^Boos/ });
    const length = TEXT.length + 'Niets aan de hand.'.length;
    const [both, onlyA, onlyB] = ['niet online'.length, 'dat hij '.length, ' kwam die week'.length];
    expect(cells(boos).slice(1, 5)).toEqual([both, onlyA, onlyB, length - both - onlyA - onlyB].map(String));

    await s.user.click(within(boos).getByRole('button', { name: 'Per document: Boos' }));
    const quiet = within(table).getByRole('row', { name: /^Stil/ });
    expect(cells(quiet).slice(1, 5)).toEqual(['0', '0', '0', String('Niets aan de hand.'.length)]);
    // Kappa is not defined where nobody coded: a dash that says so, never 0 or 1.
    expect(within(quiet).getAllByText('not defined').length).toBeGreaterThan(0);

    const domains = within(s.dialog).getByRole('table', { name: /Per domain/ });
    expect(within(domains).getByRole('row', { name: /^Emotie/ })).toBeInTheDocument();
  });

  it("shows a code's documents while it is expanded, and only that code's", async () => {
    const s = await setUp();
    const table = await within(s.dialog).findByRole('table', { name: /Per code/ });
    expect(within(table).queryAllByRole('row', { name: /^Stil/ })).toHaveLength(0);
    const toggle = within(within(table).getByRole('row', { name: /^Boos/ })).getByRole('button', { name: 'Per document: Boos' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await s.user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    // Boos's documents; Emotie, above it, stays collapsed.
    expect(within(table).getAllByRole('row', { name: /^Stil/ })).toHaveLength(1);
    expect(within(within(table).getByRole('row', { name: /^Emotie/ })).getByRole('button', { name: 'Per document: Emotie' })).toHaveAttribute('aria-expanded', 'false');
    await s.user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(table).queryAllByRole('row', { name: /^Stil/ })).toHaveLength(0);
  });

  it('leaves the consensus coder out by default and lists the disagreements, biggest first', async () => {
    const s = await setUp();
    const coders = await within(s.dialog).findByRole('group', { name: 'Coders' });
    expect(within(coders).getByRole('checkbox', { name: /Anna/ })).toBeChecked();
    expect(within(coders).getByRole('checkbox', { name: /Bram/ })).toBeChecked();

    const items = await screen.findAllByText(/coded by (Anna|Bram), not by/);
    expect(items.map((i) => i.textContent)).toEqual(['coded by Bram, not by Anna', 'coded by Anna, not by Bram']);
    expect(screen.getByText('14 characters')).toBeInTheDocument();
    expect(screen.getByText('8 characters')).toBeInTheDocument();
  });

  it('records “A” for a disagreement as a segment of the consensus coder', async () => {
    const s = await setUp();
    const annaOnly = (await screen.findByText('coded by Anna, not by Bram')).closest('li') as HTMLElement;
    await s.user.click(within(annaOnly).getByRole('button', { name: 'A' }));

    await waitFor(async () => {
      const data = await readProjectData(s.db, s.projectGuid);
      const consensus = data?.coders.find((c) => c.name === CONSENSUS_CODER_NAME);
      expect(data?.segments.filter((x) => x.coderGuid === consensus?.guid).map((x) => x.text)).toEqual(['dat hij ']);
    });
    // The project's coders come from the screen around the dialog: give it the new consensus coder.
    const data = await readProjectData(s.db, s.projectGuid);
    s.rerender(s.ui(data?.coders));
    const item = (await screen.findByText('coded by Anna, not by Bram')).closest('li') as HTMLElement;
    expect(await within(item).findByText('Decided: A')).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'A' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(s.dialog).getByRole('checkbox', { name: /Consensus/ })).not.toBeChecked();
  });

  it('jumps to a disagreement in the text and closes', async () => {
    const s = await setUp();
    const annaOnly = (await screen.findByText('coded by Anna, not by Bram')).closest('li') as HTMLElement;
    await s.user.click(within(annaOnly).getByRole('button', { name: 'Go to the text' }));
    expect(s.onClose).toHaveBeenCalled();
    await waitFor(() => expect(s.onJump).toHaveBeenCalledWith({ documentGuid: s.documentGuid, ...at('dat hij ') }));
  });
});

describe('agreement strings', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
  const get = (o: unknown, path: string) => path.split('.').reduce((x: unknown, k) => (x as Record<string, unknown>)[k], o) as string;
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();

  it('has the same keys and variables in Dutch and English, none empty', () => {
    expect(keys(agreementStrings.nl).sort()).toEqual(keys(agreementStrings.en).sort());
    for (const key of keys(agreementStrings.nl)) {
      expect(get(agreementStrings.nl, key).trim(), key).not.toBe('');
      expect(vars(get(agreementStrings.en, key)), key).toEqual(vars(get(agreementStrings.nl, key)));
    }
  });
});

describe('agreementCsv', () => {
  it('writes a row per code pooled over the documents, then per document, with . decimals', () => {
    const input = coding()
      .add('anna', 'doc', 0, 150, 'joy')
      .add('ben', 'doc', 100, 200, 'joy')
      .input({ doc: 1000, quiet: 100 }, ['anna', 'ben'], { codes: [testCode('joy')], codeGuids: ['joy'] });
    const report = computeAgreement(input);
    const joy = report.codes[0];
    const lines = agreementCsv(report).split('\r\n');
    expect(lines[0]).toBe('code,document,both,onlyA,onlyB,neither,percentAgreement,cohenKappa,alphaBinary');
    const round = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(Math.round(x * 1e6) / 1e6));
    expect(lines[1]).toBe(`Code joy,(all),50,100,50,900,86.363636,${round(joy?.pooled.cohenKappa)},${round(joy?.pooled.alphaBinary)}`);
    expect(lines[2]).toMatch(/^Code joy,Document doc,50,100,50,800,85,0\.3\d*,/);
    expect(lines[3]).toBe('Code joy,Document quiet,0,0,0,100,100,,');
    expect(lines).toHaveLength(4);
  });

  it('keeps a spreadsheet from running a name as a formula', () => {
    const input = coding().add('anna', 'doc', 0, 5, 'x').input({ doc: 10 }, ['anna', 'ben'], { codes: [{ ...testCode('x'), name: '=SUM(A1)' }] });
    expect(agreementCsv(computeAgreement(input)).split('\r\n')[1]).toMatch(/^"'=SUM\(A1\)",/);
  });
});
