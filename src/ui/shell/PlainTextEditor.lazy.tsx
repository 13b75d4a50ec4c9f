import { lazy, Suspense, type CSSProperties } from 'react';
import type { PlainTextEditorProps } from './PlainTextEditor';

/**
 * The look of a textarea, shared by the editor and its loading placeholder so that nothing jumps
 * when Lexical arrives. Colours come from the theme variables, with fallbacks.
 */
export function editorBoxStyle(minRows = 3): CSSProperties {
  return {
    display: 'block',
    boxSizing: 'border-box',
    width: '100%',
    // 1.5em per row plus the vertical padding.
    minHeight: `calc(${minRows * 1.5}em + 1rem)`,
    maxHeight: '60vh',
    overflow: 'auto',
    padding: '0.5rem 0.6rem',
    border: '1px solid var(--border, #b8bcc4)',
    borderRadius: '4px',
    background: 'var(--field-bg, #fff)',
    color: 'inherit',
    font: 'inherit',
    lineHeight: 1.5,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    resize: 'none',
    textAlign: 'start',
  };
}

const Editor = lazy(() => import('./PlainTextEditor').then((m) => ({ default: m.PlainTextEditor })));

/**
 * The plain-text editor, loaded on first use so that Lexical stays out of the initial bundle.
 * Until it arrives a read-only textarea with the same look and text stands in for it.
 */
export function LazyPlainTextEditor(props: PlainTextEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          className="plain-text-editor plain-text-editor-loading"
          aria-label={props.label}
          aria-busy="true"
          readOnly
          value={props.initialText}
          style={editorBoxStyle(props.minRows)}
        />
      }
    >
      <Editor {...props} />
    </Suspense>
  );
}
