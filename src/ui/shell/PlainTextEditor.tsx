import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import {
  $createParagraphNode,
  $generateNodesFromRawText,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  PASTE_COMMAND,
  type EditorState,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { editorBoxStyle } from './PlainTextEditor.lazy';

export interface PlainTextEditorProps {
  /** Text shown when the editor mounts; later changes of this prop are ignored (the editor owns its text). */
  readonly initialText: string;
  /** Called with the whole text after every change: `$getRoot().getTextContent()`, lines separated by LF. */
  onChange(text: string): void;
  /** Accessible name of the editing area. */
  readonly label: string;
  /** Visible height in text rows before the area scrolls; 3 when absent. */
  readonly minRows?: number;
  readonly autoFocus?: boolean;
  /** Receives the Lexical editor, for callers that need to read or set its content directly. */
  readonly editorRef?: RefObject<LexicalEditor | null>;
  /** Hint shown while the editor is empty. */
  readonly placeholder?: string;
  /** Id of an element that describes the editor (a hint or an error). */
  readonly describedBy?: string;
}

/**
 * A plain-text editing area that looks and behaves like a textarea, for pasting transcripts and
 * writing segment comments. Formatting never enters: typing, pasting and dropping all insert
 * plain text, with Enter and pasted paragraphs as line breaks.
 */
export function PlainTextEditor(props: PlainTextEditorProps) {
  const { initialText, onChange, label, minRows = 3, autoFocus = false, editorRef, placeholder, describedBy } = props;
  // The configuration is read once by LexicalComposer; the first initialText is the one that counts.
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'markeer-plain-text',
      onError: (error) => {
        throw error;
      },
      editorState: () => {
        const paragraph = $createParagraphNode();
        paragraph.append(...$generateNodesFromRawText(initialText));
        $getRoot().append(paragraph);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once, as LexicalComposer does.
    [],
  );
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="plain-text-editor-wrap" style={{ position: 'relative' }}>
        <PlainTextPlugin
          contentEditable={
            placeholder ? (
              <ContentEditable
                className="plain-text-editor"
                aria-label={label}
                aria-multiline
                aria-describedby={describedBy}
                aria-placeholder={placeholder}
                placeholder={<div style={placeholderStyle}>{placeholder}</div>}
                style={editorBoxStyle(minRows)}
                spellCheck
              />
            ) : (
              <ContentEditable
                className="plain-text-editor"
                aria-label={label}
                aria-multiline
                aria-describedby={describedBy}
                style={editorBoxStyle(minRows)}
                spellCheck
              />
            )
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <OnChangePlugin onChange={(state: EditorState) => onChangeRef.current(state.read(() => $getRoot().getTextContent()))} />
      <HtmlOnlyPastePlugin />
      {autoFocus && <AutoFocusPlugin defaultSelection="rootEnd" />}
      {editorRef && <EditorRefPlugin editorRef={editorRef} />}
    </LexicalComposer>
  );
}

const placeholderStyle = {
  position: 'absolute',
  top: '0.5rem',
  left: '0.6rem',
  right: '0.6rem',
  color: 'var(--muted, #6b7280)',
  pointerEvents: 'none',
  userSelect: 'none',
  overflow: 'hidden',
} as const;

/**
 * PlainTextPlugin pastes the clipboard's text/plain part, which browsers and word processors always
 * provide with paragraphs as line breaks. A clipboard with only text/html (some web apps write
 * that) would paste nothing at all; this reduces such HTML to lines of text instead.
 */
function HtmlOnlyPastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          if (!data || data.getData('text/plain')) return false;
          const html = data.getData('text/html');
          if (!html) return false;
          event.preventDefault();
          editor.update(() => {
            const selection = $getSelection();
            if ($isRangeSelection(selection)) selection.insertRawText(htmlToPlainText(html));
          });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}

const BLOCKS = new Set(['P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'TABLE', 'UL', 'OL', 'DT', 'DD']);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'HEAD', 'TITLE', 'META', 'TEMPLATE']);

/** Visible text of an HTML fragment: every block element on its own line, <br> a line break. */
export function htmlToPlainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines: string[] = [''];
  const newline = () => {
    if (lines[lines.length - 1] !== '') lines.push('');
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      lines[lines.length - 1] += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = (node as Element).tagName;
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') {
      lines.push('');
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) newline();
    node.childNodes.forEach(walk);
    if (block) newline();
  };
  walk(doc.body);
  return lines
    .map((l) => l.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}
