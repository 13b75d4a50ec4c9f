/**
 * REFI-QDA `Users` as coders and the code tree (`CodeBook` > `Codes` in a project, `Codes` in a
 * `.qdc`) as codes, into the import context that every later element refers to.
 */
import { CODER_COLORS } from '../../domain/factories';
import type { Guid } from '../../domain/model';
import type { ImportContext } from './import-context';
import { attr, child, childrenNamed, type XmlElement } from './xml';

/** The project's `Users`, each a coder. */
export function importUsers(ctx: ImportContext, root: XmlElement): void {
  const usersEl = child(root, 'Users');
  for (const [i, user] of (usersEl ? childrenNamed(usersEl, 'User') : []).entries()) {
    const name = attr(user, 'name')?.trim() || attr(user, 'id')?.trim() || `User ${i + 1}`;
    const guid = ctx.guid(attr(user, 'guid'), `user “${name}”`, 'user');
    ctx.coders.set(guid, { guid, projectGuid: ctx.projectGuid, name, color: CODER_COLORS[ctx.coders.size % CODER_COLORS.length]! });
  }
}

/**
 * The code tree (nested `Code`s), in file order among siblings. Returns [code GUID, note GUID] of
 * every NoteRef in the tree: the code memos.
 */
export function importCodes(ctx: ImportContext, root: XmlElement, codebookOnly: boolean): [Guid, Guid][] {
  const codesEl = codebookOnly ? child(root, 'Codes') : child(child(root, 'CodeBook') ?? root, 'Codes');
  const codeNotes: [Guid, Guid][] = [];
  const walk = (el: XmlElement, parentGuid: Guid | null, order: number): void => {
    const rawName = attr(el, 'name');
    const name = rawName?.trim() || '(unnamed code)';
    if (!rawName?.trim()) ctx.warnings.push(`a code without a name was called “${name}”`);
    const guid = ctx.guid(attr(el, 'guid'), `code “${name}”`, 'code');
    ctx.codes.set(guid, {
      guid,
      projectGuid: ctx.projectGuid,
      parentGuid,
      name,
      color: ctx.color(attr(el, 'color'), name),
      definition: child(el, 'Description')?.text ?? '',
      order,
      shortcut: null,
    });
    for (const ref of childrenNamed(el, 'NoteRef')) {
      const note = ctx.ref(attr(ref, 'targetGUID'));
      if (note) codeNotes.push([guid, note]);
    }
    childrenNamed(el, 'Code').forEach((c, i) => walk(c, guid, i));
  };
  if (codesEl) childrenNamed(codesEl, 'Code').forEach((c, i) => walk(c, null, i));
  return codeNotes;
}
