import { act, render, screen, waitFor } from '@testing-library/react';
import { $getRoot, type LexicalEditor } from 'lexical';
import { createRef } from 'react';
import { htmlToPlainText, PlainTextEditor } from './PlainTextEditor';
import { LazyPlainTextEditor } from './PlainTextEditor.lazy';

/** jsdom has no ClipboardEvent; Lexical recognises one by its constructor's name. */
class ClipboardEvent extends Event {
  readonly clipboardData: { getData(type: string): string; types: string[] };
  constructor(type: string, data: Record<string, string>) {
    super(type, { bubbles: true, cancelable: true });
    this.clipboardData = { getData: (t) => data[t] ?? '', types: Object.keys(data) };
  }
}

function setup(initialText = '') {
  const editorRef = createRef<LexicalEditor>();
  const onChange = vi.fn<(text: string) => void>();
  render(<PlainTextEditor initialText={initialText} onChange={onChange} label="Transcript" editorRef={editorRef} />);
  const box = screen.getByRole('textbox', { name: 'Transcript' });
  const paste = async (data: Record<string, string>) => {
    await act(async () => {
      editorRef.current?.update(() => $getRoot().selectEnd(), { discrete: true });
      box.dispatchEvent(new ClipboardEvent('paste', data));
    });
  };
  return { editorRef, onChange, box, paste };
}

describe('PlainTextEditor', () => {
  beforeAll(() => vi.stubGlobal('ClipboardEvent', ClipboardEvent));
  afterAll(() => vi.unstubAllGlobals());

  it('shows the initial text with its lines and has an accessible name', () => {
    const { box, editorRef } = setup('Interviewer: Hoe gaat het?\nOuder: Goed.');
    expect(box).toHaveAttribute('aria-label', 'Transcript');
    expect(editorRef.current?.getEditorState().read(() => $getRoot().getTextContent())).toBe('Interviewer: Hoe gaat het?\nOuder: Goed.');
  });

  it('pastes the plain-text part of a rich clipboard, paragraphs as lines', async () => {
    const { paste, onChange } = setup();
    await paste({ 'text/html': '<p><b>Interviewer:</b> Hoe gaat het?</p><p>Ouder: Goed.</p>', 'text/plain': 'Interviewer: Hoe gaat het?\r\n\r\nOuder: Goed.' });
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith('Interviewer: Hoe gaat het?\n\nOuder: Goed.'));
  });

  it('reduces a clipboard with only HTML to lines of text', async () => {
    const { paste, onChange } = setup();
    await paste({ 'text/html': '<p><b>Interviewer:</b> Hoe gaat het?</p><p>Ouder: Goed.<br>Echt.</p>' });
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith('Interviewer: Hoe gaat het?\nOuder: Goed.\nEcht.'));
  });

  it('loads lazily behind a textarea that already shows the text', async () => {
    render(<LazyPlainTextEditor initialText="Eerste regel" onChange={() => undefined} label="Commentaar" />);
    expect(screen.getByRole('textbox', { name: 'Commentaar' })).toHaveValue('Eerste regel');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Commentaar' }).tagName).toBe('DIV'));
    expect(screen.getByRole('textbox', { name: 'Commentaar' })).toHaveTextContent('Eerste regel');
  });
});

describe('htmlToPlainText', () => {
  it('puts block elements on their own lines and skips styles', () => {
    expect(htmlToPlainText('<style>p{}</style><h1>Titel</h1><ul><li>een</li><li>twee</li></ul><div>drie <i>vier</i></div>')).toBe('Titel\neen\ntwee\ndrie vier');
  });
});
