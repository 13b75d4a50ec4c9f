import { useId, type ReactNode } from 'react';
import type { Problem } from './problems';

/** A failure as the sync dialogs show it: what was wrong and what to do, then the server's own words. */
export function ProblemView({ problem, note }: { problem: Problem | null; note?: string }) {
  if (!problem) return null;
  return (
    <div className="sync-problem" role="alert">
      <p>{problem.message}</p>
      {problem.serverText && <p className="sync-server-said">{problem.serverText}</p>}
      {note && <p className="sync-problem-note">{note}</p>}
    </div>
  );
}

/** What a long step is doing now ("Aanmelden…"), announced politely. */
export function StepView({ text }: { text: string | null }) {
  return (
    <p className="sync-step" role="status">
      {text}
    </p>
  );
}

/** The user names typed one per line or separated by commas, without doubles or empty ones. */
export function parseNames(text: string): string[] {
  return [...new Set(text.split(/[\n,;]+/).map((n) => n.trim()).filter((n) => n !== ''))];
}

/**
 * A labelled field with an optional hint: the label names it (exactly its text, so that tests and
 * screen readers find "Database-URL"), the hint describes it.
 */
export function Field({ label, hint, hideLabel = false, render }: { label: string; hint?: string; hideLabel?: boolean; render(props: { id: string; 'aria-describedby'?: string }): ReactNode }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="sync-field">
      {/* hideLabel: a heading right above already shows the same words; screen readers still read the label. */}
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {render({ id, 'aria-describedby': hint ? hintId : undefined })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
