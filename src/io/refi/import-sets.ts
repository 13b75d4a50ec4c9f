/**
 * REFI-QDA `Sets` and `Graphs`. A set of sources is a document group; a set of codes alone is a
 * theme. Notes in sets, codes in a set that also has sources, and graphs are reported.
 */
import type { DocumentGroup, Guid, Theme } from '../../domain/model';
import { newTheme, nextThemeColor } from '../../domain/themes';
import { splitThemeDescription } from './export';
import type { ImportContext } from './import-context';
import { attr, child, childrenNamed, type XmlElement } from './xml';

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** The project's `Sets`; `documents` are the GUIDs of the documents imported. */
export function importSets(ctx: ImportContext, root: XmlElement, documents: ReadonlySet<Guid>): { groups: DocumentGroup[]; themes: Theme[] } {
  const groups: DocumentGroup[] = [];
  const themes: Theme[] = [];
  const themeOf = new Map<Guid, string>();
  const setsEl = child(root, 'Sets');
  for (const set of setsEl ? childrenNamed(setsEl, 'Set') : []) {
    const name = attr(set, 'name')?.trim() || `Set ${groups.length + themes.length + 1}`;
    const sources = childrenNamed(set, 'MemberSource').map((m) => ctx.ref(attr(m, 'targetGUID')) ?? '');
    // ATLAS.ti names the code with `guid` instead of the standard's `targetGUID`.
    const codeRefs = childrenNamed(set, 'MemberCode').map((m) => ctx.ref(attr(m, 'targetGUID') ?? attr(m, 'guid')) ?? '');
    const noteCount = childrenNamed(set, 'MemberNote').length;
    const notesLost = noteCount > 0 ? `${noteCount} ${plural(noteCount, 'note', 'notes')}` : '';
    if (sources.length === 0 && codeRefs.length > 0) {
      const found = [...new Set(codeRefs)].filter((g) => ctx.codes.has(g));
      if (found.length === 0) {
        ctx.discarded.push(`set “${name}”: none of its ${codeRefs.length} ${plural(codeRefs.length, 'code was', 'codes were')} imported, so it is not a theme`);
        continue;
      }
      const taken = new Set(themes.map((t) => t.name.toLowerCase()));
      let themeName = name;
      for (let n = 2; taken.has(themeName.toLowerCase()); n++) themeName = `${name} (${n})`;
      if (themeName !== name) ctx.warnings.push(`set “${name}”: another theme has that name, so it is called “${themeName}”`);
      const guid = ctx.guid(attr(set, 'guid'), `set “${name}”`, 'theme');
      // A code belongs to one theme: the first set that names it keeps it.
      const codeGuids = found.filter((g) => {
        const earlier = themeOf.get(g);
        if (earlier !== undefined) ctx.warnings.push(`code “${ctx.codes.get(g)?.name ?? g}” is in sets “${earlier}” and “${themeName}”: a code belongs to one theme, so it stays in “${earlier}”`);
        else themeOf.set(g, themeName);
        return earlier === undefined;
      });
      const { definition, scopeNote } = splitThemeDescription(child(set, 'Description')?.text ?? '');
      themes.push({ ...newTheme({ projectGuid: ctx.projectGuid, name: themeName, color: nextThemeColor(themes), order: themes.length, guid }), definition, scopeNote, codeGuids });
      const missing = new Set(codeRefs).size - found.length;
      if (missing > 0) ctx.discarded.push(`set “${name}”: ${missing} of its codes ${plural(missing, 'was', 'were')} not imported`);
      if (notesLost) ctx.discarded.push(`set “${name}” (${notesLost}): notes in sets are not imported`);
      continue;
    }
    const members = [...new Set(sources.filter((g) => documents.has(g)))];
    const missing = sources.length - members.length;
    if (sources.length > 0 && members.length === 0) {
      ctx.discarded.push(`set “${name}”: none of its ${sources.length} ${plural(sources.length, 'document was', 'documents were')} imported, so it is not a document group`);
    } else if (sources.length > 0 || noteCount === 0) {
      groups.push({ guid: ctx.guid(attr(set, 'guid'), `set “${name}”`, 'set'), projectGuid: ctx.projectGuid, name, description: child(set, 'Description')?.text ?? '', documentGuids: members, order: groups.length });
      if (missing > 0) ctx.discarded.push(`set “${name}”: ${missing} of its documents ${plural(missing, 'was', 'were')} not imported`);
    }
    if (sources.length > 0 && codeRefs.length > 0) {
      ctx.discarded.push(`set “${name}” (${codeRefs.length} ${plural(codeRefs.length, 'code', 'codes')}): a set of both documents and codes becomes a document group; its codes are left out`);
    }
    if (notesLost) ctx.discarded.push(`set “${name}” (${notesLost}): notes in sets are not imported`);
  }
  return { groups, themes };
}

/** `Graphs`: reported, not imported. */
export function importGraphs(ctx: ImportContext, root: XmlElement): void {
  const graphsEl = child(root, 'Graphs');
  for (const g of graphsEl ? childrenNamed(graphsEl, 'Graph') : []) ctx.discarded.push(`graph “${attr(g, 'name') ?? ''}”: graphs are not imported`);
}
