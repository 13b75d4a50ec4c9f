/**
 * The query builder's state: a group of lines, each a code or a nested group, each after the
 * first with an operator. A group is read top to bottom, ((line1 op2 line2) op3 line3) ...
 * (domain/analysis/query.ts `combine`), so a nested group is the way to another order.
 */
import { combine, type BuilderOperator, type QueryExpr } from '../../../domain/analysis/query';
import type { Guid } from '../../../domain/model';

export interface BuilderLine {
  readonly id: string;
  /** How the line joins what is above it; ignored on a group's first line. */
  readonly op: BuilderOperator;
  /** A code (null until chosen) or a nested group. */
  readonly item: { readonly kind: 'code'; readonly codeGuid: Guid | null } | BuilderGroup;
}

export interface BuilderGroup {
  readonly kind: 'group';
  readonly lines: readonly BuilderLine[];
}

export const OPERATORS: readonly BuilderOperator[] = ['and', 'or', 'andNot', 'overlaps'];

let counter = 0;
const nextId = () => `line-${++counter}`;

export const codeLine = (codeGuid: Guid | null = null, op: BuilderOperator = 'and'): BuilderLine => ({ id: nextId(), op, item: { kind: 'code', codeGuid } });
export const groupLine = (op: BuilderOperator = 'and'): BuilderLine => ({ id: nextId(), op, item: { kind: 'group', lines: [codeLine()] } });
export const emptyQuery = (): BuilderGroup => ({ kind: 'group', lines: [codeLine()] });

/**
 * The expression of a group, or null while nothing in it is chosen. Lines without a code yet
 * and empty groups are left out, so that a half-built query already shows results.
 */
export function groupExpr(group: BuilderGroup, withDescendants: boolean): QueryExpr | null {
  let expr: QueryExpr | null = null;
  for (const line of group.lines) {
    const item: QueryExpr | null =
      line.item.kind === 'code'
        ? line.item.codeGuid
          ? { op: 'code', codeGuid: line.item.codeGuid, withDescendants }
          : null
        : groupExpr(line.item, withDescendants);
    if (!item) continue;
    // The first complete line starts the expression whatever its operator: nothing is above it.
    expr = expr ? combine(expr, line.op, item) : item;
  }
  return expr;
}

/** The group with the line `id` (anywhere inside) replaced by `change(line)`, or removed on null. */
export function updateLine(group: BuilderGroup, id: string, change: (line: BuilderLine) => BuilderLine | null): BuilderGroup {
  const lines: BuilderLine[] = [];
  for (const line of group.lines) {
    if (line.id === id) {
      const next = change(line);
      if (next) lines.push(next);
    } else if (line.item.kind === 'group') {
      lines.push({ ...line, item: updateLine(line.item, id, change) });
    } else lines.push(line);
  }
  return { ...group, lines };
}

/** The group with `line` added at the end of the group `groupId` ("root": the query itself). */
export function addLine(group: BuilderGroup, groupId: string, line: BuilderLine): BuilderGroup {
  if (groupId === 'root') return { ...group, lines: [...group.lines, line] };
  return {
    ...group,
    lines: group.lines.map((l) => (l.id === groupId && l.item.kind === 'group' ? { ...l, item: { ...l.item, lines: [...l.item.lines, line] } } : l.item.kind === 'group' ? { ...l, item: addLine(l.item, groupId, line) } : l)),
  };
}
