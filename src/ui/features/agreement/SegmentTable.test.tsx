import { testI18n } from '../../i18n/test-i18n';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { packAgreementInput, packedSegmentAgreement, sameAgreementInput, type AgreementInput, type SegmentAgreementReport } from '../../../domain/agreement';
import { CODEBOOK, coding } from '../../../domain/agreement/test-builders';
import type { Coder } from '../../../domain/model';
import type { SegmentTableSlot } from './agreement-runner';
import { SegmentTable } from './SegmentTable';

// The runner's table as a worker sends it after the figures: held until the test lets it come.
const worker = vi.hoisted(() => ({ slots: [] as { input: unknown; slot: { value: unknown; promise: Promise<unknown> }; send(table: unknown): void }[] }));
vi.mock('./agreement-runner', () => ({
  agreementRunner: () => ({
    segmentTable: (input: AgreementInput): SegmentTableSlot | null => {
      const known = worker.slots.find((s) => sameAgreementInput(s.input as AgreementInput, input));
      return (known?.slot as SegmentTableSlot | undefined) ?? null;
    },
  }),
}));

function workerTable(input: AgreementInput) {
  let send!: (table: SegmentAgreementReport | null) => void;
  const slot: { value: SegmentAgreementReport | null | undefined; promise: Promise<SegmentAgreementReport | null> } = { value: undefined, promise: Promise.resolve(null) };
  slot.promise = new Promise((resolve) => {
    send = (table) => {
      slot.value = table;
      resolve(table);
    };
  });
  worker.slots.push({ input, slot, send: send as (table: unknown) => void });
  return send;
}

const CODERS: Coder[] = [
  { guid: 'anna', projectGuid: 'project', name: 'Anna', color: '#000000' },
  { guid: 'ben', projectGuid: 'project', name: 'Ben', color: '#111111' },
];
// Anna's and Ben's "joy" overlap by 40 of 50 characters (80 %): no match at 90 %, a match at 80 %.
const INPUT = coding().add('anna', 'd0', 0, 50, 'joy').add('ben', 'd0', 10, 50, 'joy').input({ d0: 60 }, ['anna', 'ben']);

const show = (input: AgreementInput) =>
  render(
    <I18nextProvider i18n={testI18n()}>
      <SegmentTable input={input} codes={CODEBOOK} coders={CODERS} />
    </I18nextProvider>,
  );
const joyRow = () => within(screen.getByRole('table', { name: /Per segment/ })).getByRole('row', { name: /^Code joy/ });

beforeEach(() => {
  worker.slots = [];
});

describe('the per-segment table', () => {
  it('shows the table the figures’ worker sends, saying it is computing until it comes', async () => {
    const send = workerTable(INPUT);
    show(INPUT);
    expect(screen.getByRole('status')).toHaveTextContent('Computing…');
    expect(screen.queryByRole('table')).toBeNull();
    const table = packedSegmentAgreement(packAgreementInput(INPUT)) as SegmentAgreementReport;
    // What the worker sent is what shows (here with one match more than the text has, to tell it apart).
    await act(async () => send({ ...table, codes: table.codes.map((c) => ({ ...c, matchedA: 1 })) }));
    expect(joyRow()).toHaveTextContent('1 of 1');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('computes it here at another share, and when the worker could not give it', async () => {
    const send = workerTable(INPUT);
    show(INPUT);
    await act(async () => send(null));
    expect(joyRow()).toHaveTextContent(/^Code joy0 of 10 of 1/);
    await userEvent.clear(screen.getByRole('spinbutton', { name: /Segments match with an overlap of at least/ }));
    await userEvent.type(screen.getByRole('spinbutton', { name: /Segments match with an overlap of at least/ }), '80');
    expect(joyRow()).toHaveTextContent(/^Code joy1 of 11 of 1100/);
  });

  it('keeps the table before, greyed, while the next one is on its way', async () => {
    const first = workerTable(INPUT);
    const view = show(INPUT);
    await act(async () => first(packedSegmentAgreement(packAgreementInput(INPUT))));
    const next = { ...INPUT, documentGuids: ['d0'] };
    workerTable(next);
    view.rerender(
      <I18nextProvider i18n={testI18n()}>
        <SegmentTable input={next} codes={CODEBOOK} coders={CODERS} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Computing…');
    expect(screen.getByRole('table', { name: /Per segment/ })).toHaveClass('agreement-segments-stale');
    expect(joyRow()).toHaveTextContent(/^Code joy0 of 1/);
  });
});
