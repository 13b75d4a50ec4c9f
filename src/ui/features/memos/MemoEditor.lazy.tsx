import { lazy, Suspense } from 'react';
import { editorBoxStyle } from '../../shell/PlainTextEditor.lazy';
import type { MemoEditorProps } from './MemoEditor';

const Editor = lazy(() => import('./MemoEditor').then((m) => ({ default: m.MemoEditor })));

/**
 * The memo editor, loaded on first use so that the rich-text parts of Lexical (lists, headings)
 * stay out of the screens that never open a memo. Until it arrives a read-only textarea with the
 * memo's plain text stands in for it.
 */
export function LazyMemoEditor(props: MemoEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          className="memo-editor-loading"
          aria-label={props.label}
          aria-busy="true"
          readOnly
          value={props.initialText}
          style={{ ...editorBoxStyle(8), marginTop: '2.2rem' }}
        />
      }
    >
      <Editor {...props} />
    </Suspense>
  );
}
