import { useTranslation } from 'react-i18next';
import type { BuilderOperator } from '../../../domain/analysis/query';
import type { Code } from '../../../domain/model';
import { addLine, codeLine, groupLine, OPERATORS, updateLine, type BuilderGroup, type BuilderLine } from './builder';
import { CodePicker } from './CodePicker';

/**
 * The query as lines: each line a code or a group of lines, each line after the first with an
 * operator. Plain form controls in document order, so Tab walks through it and every control
 * says which line it belongs to.
 */
export function QueryBuilder(props: { codes: readonly Code[]; value: BuilderGroup; onChange(next: BuilderGroup): void }) {
  const { value, onChange } = props;
  return (
    <GroupLines
      codes={props.codes}
      group={value}
      groupId="root"
      prefix=""
      onUpdate={(id, change) => onChange(updateLine(value, id, change))}
      onAdd={(groupId, line) => onChange(addLine(value, groupId, line))}
    />
  );
}

interface GroupProps {
  readonly codes: readonly Code[];
  readonly group: BuilderGroup;
  readonly groupId: string;
  /** The line number of the group itself ("2." for lines 2.1, 2.2), "" at the top. */
  readonly prefix: string;
  onUpdate(id: string, change: (line: BuilderLine) => BuilderLine | null): void;
  onAdd(groupId: string, line: BuilderLine): void;
}

function GroupLines(props: GroupProps) {
  const { t } = useTranslation();
  const { group, onUpdate, onAdd } = props;
  return (
    <div className="query-group-body">
      <ol className="query-lines">
        {group.lines.map((line, i) => {
          const n = `${props.prefix}${i + 1}`;
          return (
            <li key={line.id} className="query-line">
              {i === 0 ? (
                <span className="query-op query-op-first">{line.item.kind === 'code' ? t('query.first') : ''}</span>
              ) : (
                <select
                  className="query-op"
                  aria-label={t('query.operator', { n })}
                  title={t(`query.opHint.${line.op}`)}
                  value={line.op}
                  onChange={(e) => onUpdate(line.id, (l) => ({ ...l, op: e.target.value as BuilderOperator }))}
                >
                  {OPERATORS.map((op) => (
                    <option key={op} value={op}>
                      {t(`query.op.${op}`)}
                    </option>
                  ))}
                </select>
              )}
              {line.item.kind === 'code' ? (
                <CodePicker
                  codes={props.codes}
                  value={line.item.codeGuid}
                  label={t('query.code', { n })}
                  onChange={(codeGuid) => onUpdate(line.id, (l) => ({ ...l, item: { kind: 'code', codeGuid } }))}
                />
              ) : (
                <fieldset className="query-group">
                  <legend>{t('query.group', { n })}</legend>
                  <GroupLines {...props} group={line.item} groupId={line.id} prefix={`${n}.`} />
                </fieldset>
              )}
              {(group.lines.length > 1 || props.groupId !== 'root') && (
                <button type="button" className="query-remove" aria-label={t('query.remove', { n })} title={t('query.remove', { n })} onClick={() => onUpdate(line.id, () => null)}>
                  <span aria-hidden="true">×</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <div className="query-add">
        <button type="button" onClick={() => onAdd(props.groupId, codeLine())}>
          <span aria-hidden="true">+ </span>
          {t('query.addCode')}
        </button>
        <button type="button" onClick={() => onAdd(props.groupId, groupLine())}>
          <span aria-hidden="true">+ </span>
          {t('query.addGroup')}
        </button>
      </div>
    </div>
  );
}
