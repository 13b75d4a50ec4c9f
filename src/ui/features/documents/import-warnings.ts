import type { TFunction } from 'i18next';
import { assertNever } from '../../../domain/assert';
import type { CaptionNote, FilePlace, ImportWarning } from '../../../io/import';

/** Places as the user reads them: "regel 3, kolom 14; regel 9, kolom 2 en nog 5". */
function placesText(t: TFunction, places: readonly FilePlace[], count: number): string {
  const listed = places.map((p) => t('documents.importWarning.place', { line: p.line, column: p.column })).join('; ');
  return count > places.length ? `${listed} ${t('documents.importWarning.more', { count: count - places.length })}` : listed;
}

/** One sentence for each warning but the cue problems, which share one. */
function warningText(t: TFunction, warning: Exclude<ImportWarning, CaptionNote> | { kind: 'vtt-no-header' }): string {
  switch (warning.kind) {
    case 'utf8-repaired':
      return t('documents.importWarning.utf8Repaired', { count: warning.count, places: placesText(t, warning.places, warning.count) });
    case 'utf16-repaired':
      return t('documents.importWarning.utf16Repaired', { count: warning.count, places: placesText(t, warning.places, warning.count) });
    case 'windows-1252':
      return t('documents.importWarning.windows1252', { count: warning.invalidCount, place: placesText(t, [warning.first], 1) });
    case 'utf16-without-bom':
      return t('documents.importWarning.utf16WithoutBom', { order: warning.byteOrder === 'le' ? 'little-endian' : 'big-endian' });
    case 'controls-removed':
      return t('documents.importWarning.controlsRemoved', { count: warning.count, places: placesText(t, warning.places, warning.count) });
    case 'vtt-no-header':
      return t('documents.importWarning.vttNoHeader');
    default:
      return assertNever(warning);
  }
}

/**
 * What the user is told about a file that was imported with changes or problems, naming the file
 * and the places in it; null when there is nothing to tell.
 */
export function importWarningsText(t: TFunction, file: string, warnings: readonly ImportWarning[]): string | null {
  const sentences: string[] = [];
  const cues: string[] = [];
  let cueCount = 0;
  for (const w of warnings) {
    if (w.kind === 'cue') {
      cueCount++;
      cues.push(t(`documents.importWarning.cue.${w.problem}`, { line: w.line, timing: w.timing }));
    } else if (w.kind === 'more-cue-problems') {
      cueCount += w.count;
      cues.push(t('documents.importWarning.more', { count: w.count }));
    } else {
      sentences.push(warningText(t, w));
    }
  }
  if (cues.length > 0) sentences.push(t('documents.importWarning.cues', { count: cueCount, list: cues.join('; ') }));
  return sentences.length === 0 ? null : `${file}: ${sentences.join(' ')}`;
}
