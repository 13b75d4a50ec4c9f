import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { $getRoot, KEY_ENTER_COMMAND, type LexicalEditor } from 'lexical';
import { createRef } from 'react';
import { I18nextProvider } from 'react-i18next';
import { testI18n } from '../../i18n/test-i18n';
import { MemoEditor, type MemoEditorContent } from './MemoEditor';
import { LazyMemoEditor } from './MemoEditor.lazy';

async function setup(initialText: string, initialRich: string | null = null) {
  const editorRef = createRef<LexicalEditor>();
  const onChange = vi.fn<(content: MemoEditorContent) => void>();
  const onSubmit = vi.fn();
  const onUnreadable = vi.fn();
  // Lexical's placeholder settles a moment after mounting: let it inside act.
  await act(async () => {
    render(
      <I18nextProvider i18n={testI18n()}>
        <MemoEditor initialText={initialText} initialRich={initialRich} label="Memo text" onChange={onChange} onSubmit={onSubmit} onUnreadable={onUnreadable} editorRef={editorRef} />
      </I18nextProvider>,
    );
  });
  const text = () => editorRef.current?.getEditorState().read(() => $getRoot().getTextContent());
  const selectAll = () => act(() => editorRef.current?.update(() => $getRoot().select(0, $getRoot().getChildrenSize()), { discrete: true }));
  return { editorRef, onChange, onSubmit, onUnreadable, text, selectAll, box: screen.getByRole('textbox', { name: 'Memo text' }) };
}

/** A stored editor state with one paragraph: "Ouders " plain and "bellen" bold. */
const BOLD_STATE = JSON.stringify({
  root: {
    type: 'root',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [
          { type: 'text', version: 1, text: 'Ouders ', format: 0, detail: 0, mode: 'normal', style: '' },
          { type: 'text', version: 1, text: 'bellen', format: 1, detail: 0, mode: 'normal', style: '' },
        ],
      },
    ],
  },
});

describe('MemoEditor', () => {
  it('does not take the focus from a field the user is already typing in when it appears', async () => {
    const i18n = testI18n();
    const editor = (n: number) => <MemoEditor key={n} initialText="" initialRich={null} label={`Memo ${n}`} autoFocus onChange={() => undefined} />;
    const view = render(
      <I18nextProvider i18n={i18n}>
        <input aria-label="Titel" />
      </I18nextProvider>,
    );
    screen.getByRole('textbox', { name: 'Titel' }).focus();
    await act(async () => {
      view.rerender(
        <I18nextProvider i18n={i18n}>
          <input aria-label="Titel" />
          {editor(1)}
        </I18nextProvider>,
      );
    });
    expect(screen.getByRole('textbox', { name: 'Titel' })).toHaveFocus();
  });

  it('opens a plain-text memo as paragraphs, a blank line between them', async () => {
    const { text, box } = await setup('Eerste alinea.\n\nTweede alinea,\nmet een tweede regel.');
    expect(text()).toBe('Eerste alinea.\n\nTweede alinea,\nmet een tweede regel.');
    expect(box.querySelectorAll('p')).toHaveLength(2);
  });

  it('shows a stored editor state with its bold text', async () => {
    const { box, text } = await setup('Ouders bellen', BOLD_STATE);
    expect(text()).toBe('Ouders bellen');
    expect(box.querySelector('.memo-bold')?.textContent).toBe('bellen');
  });

  it('falls back to the plain text when the stored state cannot be read, and says so', async () => {
    const { text, onUnreadable } = await setup('De tekst blijft.', '{"root": kapot');
    expect(text()).toBe('De tekst blijft.');
    expect(onUnreadable).toHaveBeenCalledOnce();
  });

  it('makes the selection bold from the toolbar and reports the state and the plain text', async () => {
    const user = userEvent.setup();
    const { selectAll, onChange } = await setup('Ouders bellen');
    await selectAll();
    await user.click(screen.getByRole('button', { name: 'Bold' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    const last = onChange.mock.lastCall?.[0];
    expect(last?.text).toBe('Ouders bellen');
    expect(JSON.parse(last?.rich ?? '{}').root.children[0].children[0]).toMatchObject({ text: 'Ouders bellen', format: 1 });
    expect(screen.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('turns the paragraph into a bulleted list and back', async () => {
    const user = userEvent.setup();
    const { selectAll, box } = await setup('Punt een');
    await selectAll();
    await user.click(screen.getByRole('button', { name: 'Bulleted list' }));
    await waitFor(() => expect(box.querySelector('ul li')?.textContent).toBe('Punt een'));
    await user.click(screen.getByRole('button', { name: 'Bulleted list' }));
    await waitFor(() => expect(box.querySelector('ul')).toBeNull());
  });

  it('saves on Ctrl+Enter instead of starting a paragraph', async () => {
    const { editorRef, onSubmit, text } = await setup('Klaar');
    await act(async () => {
      editorRef.current?.dispatchCommand(KEY_ENTER_COMMAND, new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    });
    expect(onSubmit).toHaveBeenCalledOnce();
    expect(text()).toBe('Klaar');
  });

  it('has a toolbar that is one tab stop, moved through with the arrow keys', async () => {
    const user = userEvent.setup();
    await setup('Tekst');
    const bold = screen.getByRole('button', { name: 'Bold' });
    expect(screen.getByRole('toolbar', { name: 'Formatting' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Italic' })).toHaveAttribute('tabindex', '-1');
    bold.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Italic' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Italic' })).toHaveAttribute('tabindex', '0');
  });

  it('loads lazily behind a read-only copy of the text', async () => {
    render(
      <I18nextProvider i18n={testI18n()}>
        <LazyMemoEditor initialText="Eerste regel" initialRich={null} label="Memo text" onChange={() => undefined} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('textbox', { name: 'Memo text' })).toHaveValue('Eerste regel');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Memo text' }).tagName).toBe('DIV'));
  });
});
