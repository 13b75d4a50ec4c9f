import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_FILTER, type AnalysisFilter } from '../../../domain/analysis/filter';
import type { ProjectData } from '../../../domain/project-data';
import { variableList, variableValues } from '../../../domain/variables';

/**
 * The filter every analysis shares: documents, document groups and variable values. Each part is
 * a disclosure with checkboxes, so that it works by keyboard and with a screen reader; the summary
 * says what is chosen. Whose coding counts is not chosen here but by the project's coder lens
 * (LensControl), the same for every view.
 */
export function FilterBar(props: { data: ProjectData; value: AnalysisFilter; onChange: (f: AnalysisFilter) => void }) {
  const { t } = useTranslation();
  const { data, value, onChange } = props;
  const variables = useMemo(() => variableList(data.project.guid, data.variables, data.documents), [data]);
  const toggle = (list: readonly string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const setCondition = (name: string, values: readonly string[]) =>
    onChange({ ...value, variables: [...value.variables.filter((c) => c.name !== name), ...(values.length > 0 ? [{ name, values }] : [])] });
  const active = value.groupGuids.length + value.variables.length + (value.documentGuids?.length ?? 0);
  return (
    <div className="filter-bar" role="group" aria-label={t('analysis.filter.label')}>
      <Choice
        label={t('analysis.filter.documents')}
        all={t('analysis.filter.allDocuments')}
        options={[...data.documents].sort((a, b) => a.order - b.order).map((d) => ({ key: d.guid, label: d.name }))}
        chosen={value.documentGuids ?? []}
        onToggle={(k) => {
          const next = toggle(value.documentGuids ?? [], k);
          onChange({ ...value, documentGuids: next.length > 0 ? next : null });
        }}
      />
      {data.groups.length > 0 && (
        <Choice
          label={t('analysis.filter.groups')}
          all={t('analysis.filter.allDocuments')}
          options={[...data.groups].sort((a, b) => a.order - b.order).map((g) => ({ key: g.guid, label: g.name }))}
          chosen={value.groupGuids}
          onToggle={(k) => onChange({ ...value, groupGuids: toggle(value.groupGuids, k) })}
        />
      )}
      {variables.map((v) => {
        const chosen = value.variables.find((c) => c.name === v.name)?.values ?? [];
        return (
          <Choice
            key={v.guid}
            label={v.name}
            all={t('analysis.filter.anyValue')}
            options={variableValues(v, data.documents).map((x) => ({ key: x, label: x }))}
            chosen={chosen}
            onToggle={(k) => setCondition(v.name, toggle(chosen, k))}
          />
        );
      })}
      {active > 0 && (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
          {t('analysis.filter.clear')}
        </button>
      )}
    </div>
  );
}

function Choice(props: { label: string; all: string; options: { key: string; label: string }[]; chosen: readonly string[]; onToggle: (key: string) => void }) {
  const id = useId();
  const names = props.options.filter((o) => props.chosen.includes(o.key)).map((o) => o.label);
  return (
    <details className="filter-choice">
      <summary>
        <span className="filter-choice-label">{props.label}:</span> {names.length > 0 ? names.join(', ') : props.all}
      </summary>
      <fieldset aria-labelledby={id}>
        <legend id={id} className="visually-hidden">
          {props.label}
        </legend>
        {props.options.map((o) => (
          <label key={o.key}>
            <input type="checkbox" checked={props.chosen.includes(o.key)} onChange={() => props.onToggle(o.key)} /> {o.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
