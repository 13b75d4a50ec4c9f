import type { Result } from '../domain/assert';
import { now } from '../domain/ids';
import type { DocumentRecord, Guid } from '../domain/model';
import { ownValue, recordOf } from '../domain/records';
import { canonicalValue, createVariableDefinition, variableList } from '../domain/variables';
import type { VariablesImportPlan } from '../io/variables-csv';
import type { MarkeerDb } from '../storage/db';
import { findVariable } from './variables';
import { CommandAbort, runWrite, type CommandFailure } from './run';

export interface VariablesImportResult {
  /** Documents whose values changed. */
  readonly documents: number;
  /** Values written that differ from what was there. */
  readonly values: number;
  /** Names of the variables created. */
  readonly created: readonly string[];
}

/**
 * Writes a planned CSV import (io/variables-csv) as one undoable step: new variables with their
 * inferred types, then the values of the matched rows. Values are checked against the types once
 * more inside the transaction, so that a change made meanwhile (e.g. a type changed in another
 * tab) aborts the whole import instead of storing a value that does not fit.
 */
export function importVariables(projectGuid: Guid, plan: VariablesImportPlan, db?: MarkeerDb): Promise<Result<VariablesImportResult, CommandFailure>> {
  return runWrite({ db, projectGuid, undoLabel: 'history.importVariables' }, async (rec) => {
    const [definitions, documents] = await Promise.all([
      rec.db.variables.where('projectGuid').equals(projectGuid).toArray(),
      rec.db.documents.where('projectGuid').equals(projectGuid).toArray(),
    ]);
    const list = variableList(projectGuid, definitions, documents);
    const stored = new Set(definitions.map((d) => d.guid));
    const created: string[] = [];
    let order = list.reduce((max, v) => Math.max(max, v.order + 1), 0);
    const types = new Map<string, ReturnType<typeof variableList>[number]>();
    for (const c of plan.columns) {
      const def = findVariable(list, c.variable) ?? createVariableDefinition({ projectGuid, name: c.variable, type: c.type, order: order++ });
      if (!stored.has(def.guid)) {
        await rec.put('variables', def);
        stored.add(def.guid);
        if (!list.includes(def)) created.push(def.name);
      }
      types.set(c.variable, def);
    }
    const byGuid = new Map(documents.map((d) => [d.guid, d]));
    let changedDocuments = 0;
    let changedValues = 0;
    for (const m of plan.matched) {
      const doc = byGuid.get(m.documentGuid);
      if (!doc) throw new CommandAbort('not-found', m.documentName);
      const variables = recordOf(Object.entries(doc.variables));
      let changed = 0;
      for (const [name, value] of Object.entries(m.values)) {
        const def = types.get(name);
        if (!def) continue;
        const canonical = canonicalValue(def.type, value);
        if (canonical === null) throw new CommandAbort('invalid-value', `${m.documentName}, ${def.name}: "${value}"`);
        if (canonical === '' || ownValue(variables, def.name) === canonical) continue;
        variables[def.name] = canonical;
        changed++;
      }
      if (changed === 0) continue;
      await rec.update<DocumentRecord>('documents', [projectGuid, doc.guid], { variables, updatedAt: now() });
      changedDocuments++;
      changedValues += changed;
    }
    return { documents: changedDocuments, values: changedValues, created };
  });
}
