/**
 * Citations of quotations, built from a document's variables in a template the user sets per
 * project (Project.citationTemplate), e.g. "({respondent group}, {school})" -> "(Ouder, school 1)".
 *
 * - `{document}` is the document's name; `{name}` is the value of the variable `name` (the name
 *   matched ignoring case and surrounding spaces), as stored (canonical: "3.5", "2021-03-01",
 *   "true").
 * - A placeholder that names no variable of the project stays visible as `{name?}`, so that a
 *   typing error shows in every citation; `unknownPlaceholders` lists them for the settings field.
 * - An empty value drops out together with one separator next to it (a comma, semicolon, slash,
 *   bar, spaced dash, or plain space), and brackets left empty go too: "(Ouder, )" -> "(Ouder)",
 *   "({a}, {b})" with both empty -> "".
 * - No template (or a blank one): "(document name)".
 */
import type { DocumentRecord } from '../model';

/** The placeholder that stands for the document's name. */
export const DOCUMENT_PLACEHOLDER = 'document';

/** The template used when the project has none. */
export const DEFAULT_CITATION_TEMPLATE = `({${DOCUMENT_PLACEHOLDER}})`;

const PLACEHOLDER = /\{([^{}]*)\}/g;
/** Marks where an empty value was, until the separators around it are cleaned up. */
const EMPTY = '\u0000';
const SEPARATOR = String.raw`\s*[,;:|/·]\s*|\s+[-–—]\s+|\s+`;
const SEPARATOR_BEFORE = new RegExp(`(?:${SEPARATOR})$`);
const SEPARATOR_AFTER = new RegExp(`^(?:${SEPARATOR})`);

const key = (name: string): string => name.trim().toLowerCase();

/** The names inside the braces of a template, trimmed, in order, each once. */
export function placeholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? '').trim());
  return [...new Set(names)];
}

/** The placeholders of `template` that are neither {document} nor one of `variableNames`. */
export function unknownPlaceholders(template: string, variableNames: readonly string[]): string[] {
  const known = new Set([DOCUMENT_PLACEHOLDER, ...variableNames.map(key)]);
  return placeholders(template).filter((name) => !known.has(key(name)));
}

/**
 * The citation of `document` under `template`. `variableNames` are the project's variables (a
 * placeholder naming one of them is never "unknown", even where this document has no value);
 * by default the names this document has values for.
 */
export function citation(
  template: string | null | undefined,
  document: Pick<DocumentRecord, 'name' | 'variables'>,
  variableNames: readonly string[] = Object.keys(document.variables),
): string {
  const source = template && template.trim() !== '' ? template : DEFAULT_CITATION_TEMPLATE;
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(document.variables)) values.set(key(name), value);
  const known = new Set(variableNames.map(key));
  const filled = source.replace(PLACEHOLDER, (_whole, raw: string) => {
    const name = key(raw);
    if (name === DOCUMENT_PLACEHOLDER) return document.name.trim() || EMPTY;
    if (!known.has(name) && !values.has(name)) return `{${raw.trim()}?}`;
    return (values.get(name) ?? '').trim() || EMPTY;
  });
  return tidy(filled);
}

/** Removes each empty value with one separator next to it, then brackets left empty. */
function tidy(text: string): string {
  let s = text;
  for (let at = s.indexOf(EMPTY); at !== -1; at = s.indexOf(EMPTY)) {
    const before = s.slice(0, at);
    const after = s.slice(at + 1);
    const left = SEPARATOR_BEFORE.exec(before);
    // Keep the separator before when it follows an opening bracket or the start: remove the one after.
    if (left && left.index > 0 && !/[([{]$/.test(before.slice(0, left.index))) s = before.slice(0, left.index) + after;
    else {
      const right = SEPARATOR_AFTER.exec(after);
      s = before + (right ? after.slice(right[0].length) : after);
    }
  }
  return s
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
