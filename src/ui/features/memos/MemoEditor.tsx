import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListItemNode, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $createHeadingNode, $isHeadingNode, HeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $generateNodesFromRawText,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $parseSerializedNode,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  KEY_ENTER_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type EditorState,
  type LexicalEditor,
  type LexicalNode,
  type SerializedLexicalNode,
  type TextFormatType,
} from 'lexical';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { editorBoxStyle } from '../../shell/PlainTextEditor.lazy';

/** What the editor hands back on every change: what `Memo.text` and `Memo.rich` store. */
export interface MemoEditorContent {
  /** `$getRoot().getTextContent()`: paragraphs separated by a blank line. */
  readonly text: string;
  /** The Lexical editor state as JSON. */
  readonly rich: string;
}

export interface MemoEditorProps {
  /** The memo's plain text; shown as paragraphs when `initialRich` is null or unreadable. */
  readonly initialText: string;
  /** The stored editor state (JSON), or null for a memo written as plain text. Read once, on mount. */
  readonly initialRich: string | null;
  /** Accessible name of the editing area. */
  readonly label: string;
  onChange(content: MemoEditorContent): void;
  /** Ctrl+Enter (Cmd+Enter on a Mac): save. */
  onSubmit?(): void;
  /** Called once when `initialRich` could not be read and the plain text is shown instead. */
  onUnreadable?(): void;
  readonly autoFocus?: boolean;
  readonly editorRef?: RefObject<LexicalEditor | null>;
  readonly describedBy?: string;
}

const THEME = {
  paragraph: 'memo-p',
  heading: { h3: 'memo-h' },
  list: { ul: 'memo-ul', ol: 'memo-ol', listitem: 'memo-li', nested: { listitem: 'memo-li-nested' } },
  text: { bold: 'memo-bold', italic: 'memo-italic', underline: 'memo-underline' },
};

/** Paragraphs from plain text: a blank line separates paragraphs, a single line break stays one. */
function $appendPlainText(text: string): void {
  const root = $getRoot();
  for (const block of text.split(/\n{2,}/)) {
    const paragraph = $createParagraphNode();
    paragraph.append(...$generateNodesFromRawText(block));
    root.append(paragraph);
  }
}

/** Fills the root from a stored editor state; false (and an empty root) when it cannot be read. */
function $appendRich(rich: string): boolean {
  const root = $getRoot();
  try {
    const state = JSON.parse(rich) as { root?: { children?: unknown } };
    const children = state.root?.children;
    if (!Array.isArray(children) || children.length === 0) return false;
    root.append(...children.map((c) => $parseSerializedNode(c as SerializedLexicalNode)));
    return true;
  } catch {
    root.clear();
    return false;
  }
}

/**
 * The rich-text editor of a memo: bold, italic, underline, headings, bulleted and numbered lists,
 * with its own undo history. Ctrl+B, Ctrl+I and Ctrl+U format; Ctrl+Z and Ctrl+Y undo and redo
 * typing; Tab leaves the editor (the toolbar before it is one tab stop, arrow keys move in it).
 */
export function MemoEditor(props: MemoEditorProps) {
  const { initialText, initialRich, label, autoFocus = false, editorRef, describedBy } = props;
  const unreadable = useRef(false);
  // LexicalComposer reads its configuration once: the first content is the one that counts.
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'markeer-memo',
      theme: THEME,
      nodes: [HeadingNode, ListNode, ListItemNode],
      onError: (error) => {
        throw error;
      },
      editorState: () => {
        if (initialRich !== null && $appendRich(initialRich)) return;
        if (initialRich !== null) unreadable.current = true;
        $appendPlainText(initialText);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once, as LexicalComposer does.
    [],
  );
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });
  useEffect(() => {
    if (unreadable.current) handlers.current.onUnreadable?.();
  }, []);

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="memo-editor">
        <Toolbar />
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="memo-editor-text"
              aria-label={label}
              aria-multiline
              aria-describedby={describedBy}
              style={{ ...editorBoxStyle(8), whiteSpace: 'normal' }}
              spellCheck
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <OnChangePlugin
        ignoreSelectionChange
        onChange={(state: EditorState) => handlers.current.onChange({ text: state.read(() => $getRoot().getTextContent()), rich: JSON.stringify(state.toJSON()) })}
      />
      <SubmitPlugin onSubmit={() => handlers.current.onSubmit?.()} />
      {autoFocus && <PoliteAutoFocusPlugin />}
      {editorRef && <EditorRefPlugin editorRef={editorRef} />}
    </LexicalComposer>
  );
}

/** Ctrl+Enter (or Cmd+Enter) saves instead of starting a new paragraph. */
function SubmitPlugin({ onSubmit }: { onSubmit(): void }) {
  const [editor] = useLexicalComposerContext();
  const submit = useRef(onSubmit);
  useEffect(() => {
    submit.current = onSubmit;
  });
  useEffect(
    () =>
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (event) => {
          if (!event || !(event.ctrlKey || event.metaKey)) return false;
          event.preventDefault();
          submit.current();
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}

type BlockKind = 'paragraph' | 'heading' | 'bullet' | 'number';

interface ToolbarState {
  readonly formats: ReadonlySet<TextFormatType>;
  readonly block: BlockKind;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

const FORMATS = [
  { format: 'bold', key: 'B', label: 'memos.editor.bold', glyph: 'B', style: { fontWeight: 700 } },
  { format: 'italic', key: 'I', label: 'memos.editor.italic', glyph: 'I', style: { fontStyle: 'italic' } },
  { format: 'underline', key: 'U', label: 'memos.editor.underline', glyph: 'U', style: { textDecoration: 'underline' } },
] as const;

function $blockKind(node: LexicalNode): BlockKind {
  const top = $isRootOrShadowRoot(node) ? null : node.getTopLevelElement();
  if ($isListNode(top)) return top.getListType() === 'number' ? 'number' : 'bullet';
  return $isHeadingNode(top) ? 'heading' : 'paragraph';
}

function Toolbar() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>({ formats: new Set(), block: 'paragraph', canUndo: false, canRedo: false });
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          editorState.read(() => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return;
            const formats = new Set(FORMATS.map((f) => f.format).filter((f) => selection.hasFormat(f)));
            const block = $blockKind(selection.anchor.getNode());
            setState((s) => ({ ...s, formats, block }));
          });
        }),
        editor.registerCommand(CAN_UNDO_COMMAND, (canUndo) => (setState((s) => ({ ...s, canUndo })), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (canRedo) => (setState((s) => ({ ...s, canRedo })), false), COMMAND_PRIORITY_LOW),
      ),
    [editor],
  );

  const setBlock = (kind: BlockKind) => {
    const next = state.block === kind ? 'paragraph' : kind;
    if (next === 'bullet') editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    else if (next === 'number') editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    else if (state.block === 'bullet' || state.block === 'number') editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    if (next === 'heading' || (next === 'paragraph' && state.block === 'heading')) {
      editor.update(() => $setBlocksType($getSelection(), () => (next === 'heading' ? $createHeadingNode('h3') : $createParagraphNode())));
    }
  };

  const items: { id: string; label: string; pressed?: boolean; disabled?: boolean; glyph: ReactNode; style?: object; shortcut?: string; run(): void }[] = [
    ...FORMATS.map((f) => ({
      id: f.format,
      label: t(f.label),
      pressed: state.formats.has(f.format),
      glyph: f.glyph,
      style: f.style,
      shortcut: `Control+${f.key}`,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f.format),
    })),
    { id: 'heading', label: t('memos.editor.heading'), pressed: state.block === 'heading', glyph: 'H', run: () => setBlock('heading') },
    { id: 'bullet', label: t('memos.editor.bulletList'), pressed: state.block === 'bullet', glyph: <ListIcon numbered={false} />, run: () => setBlock('bullet') },
    { id: 'number', label: t('memos.editor.numberedList'), pressed: state.block === 'number', glyph: <ListIcon numbered />, run: () => setBlock('number') },
    { id: 'undo', label: t('memos.editor.undo'), disabled: !state.canUndo, glyph: '↶', shortcut: 'Control+Z', run: () => editor.dispatchCommand(UNDO_COMMAND, undefined) },
    { id: 'redo', label: t('memos.editor.redo'), disabled: !state.canRedo, glyph: '↷', shortcut: 'Control+Y', run: () => editor.dispatchCommand(REDO_COMMAND, undefined) },
  ];

  // One tab stop; arrow keys, Home and End move between the buttons (the ARIA toolbar pattern).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const next = e.key === 'ArrowRight' ? (active + 1) % items.length : e.key === 'ArrowLeft' ? (active + last) % items.length : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <div role="toolbar" aria-label={t('memos.editor.toolbar')} className="memo-toolbar" onKeyDown={onKeyDown}>
      {items.map((item, i) => (
        <button
          key={item.id}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          tabIndex={i === active ? 0 : -1}
          aria-label={item.label}
          title={item.shortcut ? `${item.label} (${item.shortcut.replace('Control', 'Ctrl')})` : item.label}
          aria-keyshortcuts={item.shortcut}
          aria-pressed={item.pressed}
          // aria-disabled keeps the button focusable inside the toolbar.
          aria-disabled={item.disabled || undefined}
          // Keep the text selection in the editor when a button is clicked.
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setActive(i)}
          onClick={() => {
            if (item.disabled) return;
            item.run();
            editor.focus();
          }}
        >
          <span aria-hidden="true" style={item.style}>
            {item.glyph}
          </span>
        </button>
      ))}
    </div>
  );
}

/**
 * A list icon drawn, not written: a button's visible text must be part of its accessible name,
 * and "1." is not part of "Numbered list".
 */
function ListIcon({ numbered }: { numbered: boolean }) {
  const rows = [3, 8, 13];
  // Tiny strokes of the digits 1, 2 and 3 for a numbered list; dots for a bulleted one.
  const digits = ['M2 1.5 L2 4.5', 'M1 6.5 L3 6.5 L3 8 L1 8 L1 9.5 L3 9.5', 'M1 11.5 L3 11.5 L3 14.5 L1 14.5 M1 13 L3 13'];
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" style={{ verticalAlign: 'middle' }}>
      {rows.map((y, i) =>
        numbered ? <path key={`m${y}`} d={digits[i]} stroke="currentColor" strokeWidth="0.9" fill="none" /> : <circle key={`m${y}`} cx="2" cy={y} r="1.4" fill="currentColor" />,
      )}
      {rows.map((y) => (
        <rect key={`r${y}`} x="5.5" y={y - 0.75} width="10" height="1.5" fill="currentColor" />
      ))}
    </svg>
  );
}

/**
 * Focuses the editor when it appears, unless the user is already typing in another field: the
 * editor is loaded lazily, and typing that started in the title while it loaded must stay there.
 */
function PoliteAutoFocusPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const active = document.activeElement as HTMLElement | null;
    const typing = !!active && (active.matches('input, textarea, select') || active.isContentEditable);
    if (!typing) editor.focus(undefined, { defaultSelection: 'rootEnd' });
  }, [editor]);
  return null;
}
