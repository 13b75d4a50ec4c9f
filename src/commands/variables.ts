import type { Result } from '../domain/assert';
import { now } from '../domain/ids';
import type { DocumentRecord, Guid, Project, VariableDefinition, VariableType } from '../domain/model';
import { ownValue, recordOf, withValue } from '../domain/records';
import { canonicalValue, createVariableDefinition, variableList } from '../domain/variables';
import type { ChangeRecorder } from '../storage/changes';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite, type CommandFailure } from './run';

/*
 * Document variables are addressed by name: the name is the key of every document's value
 * (DocumentRecord.variables), and a variable that documents use without a stored definition (from
 * an older bundle or another tool) has no stable GUID yet. Such a variable gets its definition (as
 * text) the first time a command touches it.
 */

/** A document whose value does not fit a variable type. */
export interface Misfit {
  readonly documentGuid: Guid;
  readonly documentName: string;
  readonly value: string;
}

/** The documents whose value of `name` is not a value of `type` (canonicalValue), in document order. */
export function misfits(type: VariableType, name: string, documents: readonly DocumentRecord[]): Misfit[] {
  return [...documents]
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
    .flatMap((d) => {
      const value = ownValue(d.variables, name);
      return value !== undefined && canonicalValue(type, value) === null ? [{ documentGuid: d.guid, documentName: d.name, value }] : [];
    });
}

const describeMisfits = (list: readonly Misfit[]) => list.map((m) => `${m.documentName}: "${m.value}"`).join('; ');

/** The variable called `name`, exactly or else ignoring case, so that "School" finds "school". */
export function findVariable<T extends Pick<VariableDefinition, 'name'>>(list: readonly T[], name: string): T | undefined {
  const key = name.trim();
  return list.find((v) => v.name === key) ?? list.find((v) => v.name.toLowerCase() === key.toLowerCase());
}

interface Snapshot {
  readonly stored: Map<string, VariableDefinition>;
  readonly list: VariableDefinition[];
  readonly documents: DocumentRecord[];
}

async function readVariables(rec: ChangeRecorder, projectGuid: Guid): Promise<Snapshot> {
  const [definitions, documents] = await Promise.all([
    rec.db.variables.where('projectGuid').equals(projectGuid).toArray(),
    rec.db.documents.where('projectGuid').equals(projectGuid).toArray(),
  ]);
  return { stored: new Map(definitions.map((d) => [d.guid, d])), list: variableList(projectGuid, definitions, documents), documents };
}

/** Writes a definition when it is new or differs from the stored one. */
async function saveDefinition(rec: ChangeRecorder, snap: Snapshot, def: VariableDefinition): Promise<void> {
  const before = snap.stored.get(def.guid);
  if (before && before.name === def.name && before.type === def.type && before.order === def.order) return;
  await rec.put('variables', def);
}

async function saveValues(rec: ChangeRecorder, doc: DocumentRecord, variables: Record<string, string>): Promise<void> {
  await rec.update<DocumentRecord>('documents', [doc.projectGuid, doc.guid], { variables, updatedAt: now() });
}

function existing(snap: Snapshot, name: string): VariableDefinition {
  const def = snap.list.find((v) => v.name === name.trim());
  if (!def) throw new CommandAbort('not-found', name);
  return def;
}

function nextOrder(list: readonly VariableDefinition[]): number {
  return list.reduce((max, v) => Math.max(max, v.order + 1), 0);
}

/** Defines a new variable (no document has a value yet) at the end of the columns. */
export function addVariable(projectGuid: Guid, input: { name: string; type: VariableType }, db?: MarkeerDb): Promise<Result<Guid, CommandFailure>> {
  const name = input.name.trim();
  if (!name) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return runWrite({ db, projectGuid, undoLabel: 'history.addVariable' }, async (rec) => {
    const snap = await readVariables(rec, projectGuid);
    const taken = findVariable(snap.list, name);
    if (taken) throw new CommandAbort('name-taken', taken.name);
    const def = createVariableDefinition({ projectGuid, name, type: input.type, order: nextOrder(snap.list) });
    await rec.add('variables', def);
    return def.guid;
  });
}

/** Renames a variable: its definition, the key in every document, and `{name}` in the citation template. */
export function renameVariable(projectGuid: Guid, name: string, newName: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  const to = newName.trim();
  if (!to) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return runWrite({ db, projectGuid, undoLabel: 'history.renameVariable' }, async (rec) => {
    const snap = await readVariables(rec, projectGuid);
    const def = existing(snap, name);
    if (to === def.name) return;
    const taken = snap.list.find((v) => v !== def && v.name.toLowerCase() === to.toLowerCase());
    if (taken) throw new CommandAbort('name-taken', taken.name);
    await saveDefinition(rec, snap, { ...def, name: to });
    for (const doc of snap.documents) {
      if (!Object.hasOwn(doc.variables, def.name)) continue;
      // Rebuilt in the same key order, so the document reads as before apart from the name.
      const variables = recordOf(Object.entries(doc.variables).map(([k, v]) => [k === def.name ? to : k, v]));
      await saveValues(rec, doc, variables);
    }
    const project = await rec.db.projects.get(projectGuid);
    const placeholder = `{${def.name}}`;
    if (project?.citationTemplate?.includes(placeholder)) {
      await rec.update<Project>('projects', projectGuid, { citationTemplate: project.citationTemplate.split(placeholder).join(`{${to}}`) });
    }
  });
}

/**
 * Changes a variable's type. Every value must convert (canonicalValue); they are then stored in
 * the new type's canonical form ("3,5" -> "3.5", "ja" -> "true"). Otherwise refused with
 * 'type-mismatch', its detail naming each document and value that does not fit.
 */
export function setVariableType(projectGuid: Guid, name: string, type: VariableType, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.retypeVariable' }, async (rec) => {
    const snap = await readVariables(rec, projectGuid);
    const def = existing(snap, name);
    if (def.type === type && snap.stored.has(def.guid)) return;
    const bad = misfits(type, def.name, snap.documents);
    if (bad.length > 0) throw new CommandAbort('type-mismatch', describeMisfits(bad));
    await saveDefinition(rec, snap, { ...def, type });
    for (const doc of snap.documents) {
      const value = ownValue(doc.variables, def.name);
      if (value === undefined) continue;
      const canonical = canonicalValue(type, value) as string;
      if (canonical === value) continue;
      await saveValues(rec, doc, withValue(doc.variables, def.name, canonical === '' ? undefined : canonical));
    }
  });
}

/** Moves a variable to position `index` (0 = first column) among the project's variables. */
export function moveVariable(projectGuid: Guid, name: string, index: number, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.moveVariable' }, async (rec) => {
    const snap = await readVariables(rec, projectGuid);
    const def = existing(snap, name);
    const list = snap.list.filter((v) => v !== def);
    list.splice(Math.max(0, Math.min(index, list.length)), 0, def);
    for (const [order, v] of list.entries()) await saveDefinition(rec, snap, { ...v, order });
  });
}

/** Deletes a variable: its definition and its value in every document. */
export function deleteVariable(projectGuid: Guid, name: string, db?: MarkeerDb): Promise<Result<void, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.deleteVariable' }, async (rec) => {
    const snap = await readVariables(rec, projectGuid);
    const def = existing(snap, name);
    if (snap.stored.has(def.guid)) await rec.delete('variables', [projectGuid, def.guid]);
    for (const doc of snap.documents) {
      if (!Object.hasOwn(doc.variables, def.name)) continue;
      await saveValues(rec, doc, withValue(doc.variables, def.name, undefined));
    }
  });
}

/**
 * Sets one document's value of a variable, checked against its type and stored canonically ("" or
 * blank removes the value). A name the project does not know yet (ignoring case) becomes a new
 * variable of `newType`. Returns the stored value. Refused with 'invalid-value' when the value does not fit.
 */
export function setVariableValue(
  projectGuid: Guid,
  documentGuid: Guid,
  name: string,
  value: string,
  db?: MarkeerDb,
  /** The type a new variable gets (text unless said otherwise). */
  newType: VariableType = 'text',
): Promise<Result<string, CommandFailure>> {
  const key = name.trim();
  if (!key) return Promise.resolve({ ok: false, reason: 'empty-name' });
  return runWrite({ db, projectGuid, undoLabel: 'history.setVariable' }, async (rec) => {
    const snap = await readVariables(rec, projectGuid);
    const doc = snap.documents.find((d) => d.guid === documentGuid);
    if (!doc) throw new CommandAbort('not-found');
    const def = findVariable(snap.list, key) ?? createVariableDefinition({ projectGuid, name: key, type: newType, order: nextOrder(snap.list) });
    const canonical = canonicalValue(def.type, value);
    if (canonical === null) throw new CommandAbort('invalid-value', `${def.name}: "${value.trim()}"`);
    await saveDefinition(rec, snap, def);
    const current = ownValue(doc.variables, def.name);
    if ((current ?? '') === canonical && (canonical !== '' || current === undefined)) return canonical;
    await saveValues(rec, doc, withValue(doc.variables, def.name, canonical === '' ? undefined : canonical));
    return canonical;
  });
}
