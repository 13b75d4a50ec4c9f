import type { Result } from '../domain/assert';
import { isValidColor } from '../domain/codebook';
import type { Guid, Theme } from '../domain/model';
import { canNest, newTheme, nextThemeColor } from '../domain/themes';
import type { ChangeRecorder } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite, type CommandFailure } from './run';

/**
 * Themes (Braun & Clarke phases 3-5). Each change is one undoable step.
 *
 * - Theme names are unique in a project regardless of case (merges match themes by name).
 * - A code belongs to at most one theme: placing it in a theme takes it out of any other.
 * - Deleting a theme sends its codes back to "no theme"; its sub-themes move up one level, to the
 *   deleted theme's parent (top level for a top-level theme); nothing else is deleted with it.
 * - Nesting never makes a cycle (`invalid-move`).
 */

async function listThemes(rec: ChangeRecorder, projectGuid: Guid): Promise<Theme[]> {
  return rec.db.themes.where('projectGuid').equals(projectGuid).toArray();
}

async function getTheme(rec: ChangeRecorder, projectGuid: Guid, themeGuid: Guid): Promise<Theme> {
  const theme = await rec.db.themes.get([projectGuid, themeGuid]);
  if (!theme) throw new CommandAbort('not-found');
  return theme;
}

function refuseTaken(themes: readonly Theme[], name: string, except?: Guid): void {
  const taken = themes.find((t) => t.guid !== except && t.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new CommandAbort('name-taken', taken.name);
}

const patch = (rec: ChangeRecorder, projectGuid: Guid, themeGuid: Guid, change: Partial<Theme>) => rec.update<Theme>('themes', [projectGuid, themeGuid], change);

/** Creates a theme at the end of its level, with the least used palette colour unless one is given. */
export function createTheme(
  projectGuid: Guid,
  input: { name: string; color?: string; parentGuid?: Guid | null },
  db?: MarkeerDb,
): Promise<Result<Guid, CommandFailure>> {
  const name = input.name.trim();
  if (!name) return Promise.resolve({ ok: false, reason: 'empty-name' });
  if (input.color !== undefined && !isValidColor(input.color)) return Promise.resolve({ ok: false, reason: 'invalid-value', detail: input.color });
  return runWrite({ db, projectGuid, undoLabel: 'history.createTheme' }, async (rec) => {
    const themes = await listThemes(rec, projectGuid);
    refuseTaken(themes, name);
    const parentGuid = input.parentGuid ?? null;
    if (parentGuid !== null && !themes.some((t) => t.guid === parentGuid)) throw new CommandAbort('not-found');
    const order = themes.filter((t) => t.parentGuid === parentGuid).reduce((max, t) => Math.max(max, t.order + 1), 0);
    const theme = newTheme({ projectGuid, name, color: (input.color ?? nextThemeColor(themes)).toLowerCase(), order, parentGuid });
    await rec.add('themes', theme);
    return theme.guid;
  });
}

export function renameTheme(projectGuid: Guid, themeGuid: Guid, name: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const to = name.trim();
  if (!to) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return runWrite({ db, projectGuid, undoLabel: 'history.renameTheme' }, async (rec) => {
    const theme = await getTheme(rec, projectGuid, themeGuid);
    if (theme.name === to) return;
    refuseTaken(await listThemes(rec, projectGuid), to, themeGuid);
    await patch(rec, projectGuid, themeGuid, { name: to });
  });
}

export function recolorTheme(projectGuid: Guid, themeGuid: Guid, color: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  if (!isValidColor(color)) return Promise.resolve({ ok: false, reason: 'invalid-value', detail: color });
  return runWrite({ db, projectGuid, undoLabel: 'history.recolorTheme' }, async (rec) => {
    const theme = await getTheme(rec, projectGuid, themeGuid);
    if (theme.color === color.toLowerCase()) return;
    await patch(rec, projectGuid, themeGuid, { color: color.toLowerCase() });
  });
}

/** Deletes a theme: its codes have no theme any more, its sub-themes move up to its parent. */
export function deleteTheme(projectGuid: Guid, themeGuid: Guid, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.deleteTheme' }, async (rec) => {
    const theme = await getTheme(rec, projectGuid, themeGuid);
    const themes = await listThemes(rec, projectGuid);
    const children = themes.filter((t) => t.parentGuid === themeGuid).sort((a, b) => a.order - b.order);
    let order = themes.filter((t) => t.parentGuid === theme.parentGuid).reduce((max, t) => Math.max(max, t.order + 1), 0);
    for (const child of children) await patch(rec, projectGuid, child.guid, { parentGuid: theme.parentGuid, order: order++ });
    await rec.delete('themes', [projectGuid, themeGuid]);
  });
}

/**
 * Makes a theme a sub-theme of another (null: top level), as its last child, or at `index` among
 * the new siblings. Refused with `invalid-move` when it would sit under itself or its own sub-theme.
 */
export function nestTheme(projectGuid: Guid, themeGuid: Guid, parentGuid: Guid | null, index?: number, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.nestTheme' }, async (rec) => {
    const themes = await listThemes(rec, projectGuid);
    const theme = themes.find((t) => t.guid === themeGuid);
    if (!theme) throw new CommandAbort('not-found');
    if (parentGuid !== null && !themes.some((t) => t.guid === parentGuid)) throw new CommandAbort('not-found');
    if (!canNest(themes, themeGuid, parentGuid)) throw new CommandAbort('invalid-move');
    const siblings = themes.filter((t) => t.parentGuid === parentGuid && t.guid !== themeGuid).sort((a, b) => a.order - b.order || (a.guid < b.guid ? -1 : 1));
    const at = Math.max(0, Math.min(index ?? siblings.length, siblings.length));
    const ordered = [...siblings.slice(0, at), theme, ...siblings.slice(at)];
    for (const [i, t] of ordered.entries()) {
      if (t.guid === themeGuid) {
        if (t.parentGuid !== parentGuid || t.order !== i) await patch(rec, projectGuid, t.guid, { parentGuid, order: i });
      } else if (t.order !== i) await patch(rec, projectGuid, t.guid, { order: i });
    }
  });
}

/**
 * Puts a code into a theme at `index` in its board order (default: last), taking it out of any
 * other theme; also reorders a code within its theme. `themeGuid` null takes it out of every
 * theme ("Codes without a theme").
 */
export function placeCode(projectGuid: Guid, codeGuid: Guid, themeGuid: Guid | null, index?: number, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: themeGuid === null ? 'history.removeThemeCode' : 'history.placeThemeCode' }, async (rec) => {
    if (!(await rec.db.codes.get([projectGuid, codeGuid]))) throw new CommandAbort('not-found');
    const themes = await listThemes(rec, projectGuid);
    if (themeGuid !== null && !themes.some((t) => t.guid === themeGuid)) throw new CommandAbort('not-found');
    for (const t of themes) {
      if (t.guid === themeGuid) {
        const rest = t.codeGuids.filter((g) => g !== codeGuid);
        const at = Math.max(0, Math.min(index ?? rest.length, rest.length));
        const next = [...rest.slice(0, at), codeGuid, ...rest.slice(at)];
        if (next.join() !== t.codeGuids.join()) await patch(rec, projectGuid, t.guid, { codeGuids: next });
      } else if (t.codeGuids.includes(codeGuid)) {
        await patch(rec, projectGuid, t.guid, { codeGuids: t.codeGuids.filter((g) => g !== codeGuid) });
      }
    }
  });
}

/** Takes a code out of its theme: it is in no theme afterwards. */
export function removeCodeFromTheme(projectGuid: Guid, codeGuid: Guid, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return placeCode(projectGuid, codeGuid, null, undefined, db);
}

/** Saves a theme's definition and scope note (phase 5); unchanged text leaves no undo step. */
export function defineTheme(projectGuid: Guid, themeGuid: Guid, input: { definition: string; scopeNote: string }, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const definition = input.definition.trim();
  const scopeNote = input.scopeNote.trim();
  return runWrite({ db, projectGuid, undoLabel: 'history.defineTheme' }, async (rec) => {
    const theme = await getTheme(rec, projectGuid, themeGuid);
    if (theme.definition === definition && theme.scopeNote === scopeNote) return;
    await patch(rec, projectGuid, themeGuid, { definition, scopeNote });
  });
}

/** Picks a segment as a quotation of the theme for the report (at the end), or unpicks it. */
export function pickQuote(projectGuid: Guid, themeGuid: Guid, segmentGuid: Guid, picked: boolean, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.themeQuote' }, async (rec) => {
    const theme = await getTheme(rec, projectGuid, themeGuid);
    const has = theme.quoteSegmentGuids.includes(segmentGuid);
    if (picked === has) return;
    if (picked && !(await rec.db.segments.get([projectGuid, segmentGuid]))) throw new CommandAbort('not-found');
    await patch(rec, projectGuid, themeGuid, {
      quoteSegmentGuids: picked ? [...theme.quoteSegmentGuids, segmentGuid] : theme.quoteSegmentGuids.filter((g) => g !== segmentGuid),
    });
  });
}

/** Moves a picked quotation to `index` in the theme's report order. */
export function moveQuote(projectGuid: Guid, themeGuid: Guid, segmentGuid: Guid, index: number, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.themeQuote' }, async (rec) => {
    const theme = await getTheme(rec, projectGuid, themeGuid);
    if (!theme.quoteSegmentGuids.includes(segmentGuid)) throw new CommandAbort('not-found');
    const rest = theme.quoteSegmentGuids.filter((g) => g !== segmentGuid);
    const at = Math.max(0, Math.min(index, rest.length));
    const next = [...rest.slice(0, at), segmentGuid, ...rest.slice(at)];
    if (next.join() === theme.quoteSegmentGuids.join()) return;
    await patch(rec, projectGuid, themeGuid, { quoteSegmentGuids: next });
  });
}
