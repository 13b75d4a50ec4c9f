/**
 * What an import changed in a file's text or could not read as it should, so that the user can
 * check it: each warning says where in the file (line and column from 1). The app and the command
 * line word them (ui/features/documents/import-warnings.ts, cli/import-warnings.ts).
 */
import type { CaptionNote } from './captions';
import type { DecodeNote, FilePlace } from './decode';

export type { CaptionNote, CueProblem } from './captions';
export { PLACES_LISTED, type DecodeNote, type FilePlace } from './decode';

export type ImportWarning =
  | DecodeNote
  | CaptionNote
  /** NUL and other control characters text does not hold were removed. `places`: the first few. */
  | { readonly kind: 'controls-removed'; readonly count: number; readonly places: readonly FilePlace[] };
