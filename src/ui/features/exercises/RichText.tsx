import { Fragment, type ReactNode } from 'react';

/** A node of a Lexical editor state as stored (MemoEditor's nodes: paragraphs, headings, lists, text). */
interface SerializedNode {
  readonly type?: string;
  readonly tag?: string;
  readonly listType?: string;
  readonly text?: string;
  /** Lexical's format bits: 1 bold, 2 italic, 8 underline. */
  readonly format?: number | string;
  readonly children?: readonly SerializedNode[];
}

function render(node: SerializedNode, key: number): ReactNode {
  const children = (node.children ?? []).map(render);
  switch (node.type) {
    case 'text': {
      const bits = typeof node.format === 'number' ? node.format : 0;
      let out: ReactNode = node.text ?? '';
      if (bits & 8) out = <u>{out}</u>;
      if (bits & 2) out = <em>{out}</em>;
      if (bits & 1) out = <strong>{out}</strong>;
      return <Fragment key={key}>{out}</Fragment>;
    }
    case 'linebreak':
      return <br key={key} />;
    case 'heading':
      return <h4 key={key}>{children}</h4>;
    case 'list':
      return node.listType === 'number' ? <ol key={key}>{children}</ol> : <ul key={key}>{children}</ul>;
    case 'listitem':
      return <li key={key}>{children}</li>;
    case 'paragraph':
      return <p key={key}>{children}</p>;
    default:
      return <Fragment key={key}>{children}</Fragment>;
  }
}

/**
 * Rich text written in the memo editor (Lexical JSON), shown read-only: paragraphs, headings,
 * lists, bold, italic and underline. Without it, or when it cannot be read, the plain text shows
 * as paragraphs.
 */
export function RichText({ rich, text, className }: { rich: string | null; text: string; className?: string }) {
  let root: SerializedNode | null = null;
  if (rich) {
    try {
      root = (JSON.parse(rich) as { root?: SerializedNode }).root ?? null;
    } catch {
      root = null;
    }
  }
  if (root?.children?.length) return <div className={className}>{root.children.map(render)}</div>;
  return (
    <div className={className}>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </div>
  );
}
