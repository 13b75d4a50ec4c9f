/**
 * What `new` says about a transcript it imported with changes or problems: one line per warning,
 * each starting with the file, and each place as line and column (from 1) in the file.
 */
import { assertNever } from '../domain/assert';
import type { CueProblem, FilePlace, ImportWarning } from '../io/import';

const CUE_PROBLEM: ReadonlyMap<CueProblem, (timing: string) => string> = new Map<CueProblem, (timing: string) => string>([
  ['start-impossible', (timing) => `the start time in "${timing}" is impossible; the cue's text was kept without a time`],
  ['start-unreadable', (timing) => `the start time in "${timing}" cannot be read; the cue's text was kept without a time`],
  ['timing-unreadable', (timing) => `the timing line "${timing}" lacks "-->"; the cue's text was kept without a time`],
  ['end-impossible', (timing) => `the end time in "${timing}" is impossible; the cue was kept with its start time`],
  ['end-unreadable', (timing) => `the end time in "${timing}" cannot be read; the cue was kept with its start time`],
  ['end-missing', (timing) => `the timing line "${timing}" has no end time; the cue was kept with its start time`],
  ['end-before-start', (timing) => `the cue "${timing}" ends before it starts; it was kept with its start time`],
  ['no-timing', () => 'a cue without a timing line; its text was kept without a time'],
  ['no-timing-no-text', () => 'a cue number without a time or text was skipped'],
]);

function places(listed: readonly FilePlace[], count: number): string {
  const text = listed.map((p) => `line ${p.line}, column ${p.column}`).join('; ');
  return count > listed.length ? `${text}; and ${count - listed.length} more` : text;
}

const plural = (count: number, one: string, other: string): string => `${count} ${count === 1 ? one : other}`;

function warningText(warning: ImportWarning): string {
  switch (warning.kind) {
    case 'utf8-repaired':
      return `${plural(warning.count, 'place holds', 'places hold')} bytes that are not valid UTF-8, ${warning.count === 1 ? '' : 'each '}replaced by U+FFFD (\uFFFD); the rest was read as UTF-8: ${places(warning.places, warning.count)}`;
    case 'utf16-repaired':
      return `${plural(warning.count, 'place', 'places')} of damaged UTF-16, each replaced by U+FFFD (\uFFFD): ${places(warning.places, warning.count)}`;
    case 'windows-1252':
      return `not UTF-8 (${plural(warning.invalidCount, 'invalid byte', 'invalid bytes')}, the first at ${places([warning.first], 1)}); read as Windows-1252 (Western European): check the accented letters`;
    case 'utf16-without-bom':
      return `read as UTF-16 ${warning.byteOrder === 'le' ? 'little' : 'big'}-endian without a byte-order mark, recognised by its NUL bytes`;
    case 'controls-removed':
      return `${plural(warning.count, 'control character', 'control characters')} (such as NUL) that text does not hold left out: ${places(warning.places, warning.count)}`;
    case 'vtt-no-header':
      return 'the first line is not "WEBVTT"; read as WebVTT all the same';
    case 'cue':
      return `line ${warning.line}: ${CUE_PROBLEM.get(warning.problem)?.(warning.timing) ?? warning.problem}`;
    case 'more-cue-problems':
      return `and ${plural(warning.count, 'more problem', 'more problems')} with cues`;
    default:
      return assertNever(warning);
  }
}

/** The lines to print about a file's import warnings, none when there are none. */
export function describeImportWarnings(file: string, warnings: readonly ImportWarning[]): string[] {
  return warnings.map((w) => `${file}: ${warningText(w)}`);
}
