/**
 * A figure of the agreement tables. An undefined coefficient (null) shows as a dash whose tooltip,
 * and whose text for screen readers, says that it is not defined (`undefinedText`, translated by
 * the table once): never as 0 or 1. No hook of its own: a report has hundreds of figures, and
 * each one's own translation hook cost a quarter of a report's render.
 */
export function Figure({ value, format, undefinedText }: { value: number | null; format(value: number): string; undefinedText: string }) {
  if (value === null) {
    return (
      <span className="agreement-undefined">
        <span aria-hidden="true" title={undefinedText}>
          —
        </span>
        <span className="visually-hidden">{undefinedText}</span>
      </span>
    );
  }
  return <>{format(value)}</>;
}
