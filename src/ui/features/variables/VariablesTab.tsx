import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveVariable } from '../../../commands/variables';
import { filteredDocuments, NO_FILTER, type AnalysisFilter } from '../../../domain/analysis/filter';
import type { Guid, VariableDefinition } from '../../../domain/model';
import { ownValue } from '../../../domain/records';
import { variableList } from '../../../domain/variables';
import { toCsv } from '../../../io/tables';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { FilterBar } from '../analysis/FilterBar';
import type { AnalysisTabProps } from '../analysis/types';
import { downloadBytes } from '../bundles/download';
import { CsvImportButton } from './CsvImport';
import { DocumentGrid, type VariableAction } from './DocumentGrid';
import { GroupDialogs, GroupsPanel, type GroupDialog } from './GroupsPanel';
import { VariableDialogs, type VariableDialog } from './VariableDialogs';
import './variables.css';

/**
 * The documents of the project with their variables and groups: a table edited in place, typed
 * variables added, renamed, retyped, moved and deleted from the column headers, variables imported
 * from CSV and exported to it, and groups made (also from the documents the filter shows).
 */
export default function VariablesTab({ data }: AnalysisTabProps) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  const [variableDialog, setVariableDialog] = useState<VariableDialog>(null);
  const [groupDialog, setGroupDialog] = useState<GroupDialog>(null);

  const variables = useMemo(() => variableList(data.project.guid, data.variables, data.documents), [data]);
  const groups = useMemo(() => [...data.groups].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name)), [data.groups]);
  const documents = useMemo(() => filteredDocuments(data, filter), [data, filter]);
  const segmentCounts = useMemo(() => {
    const counts = new Map<Guid, number>();
    for (const s of data.segments) counts.set(s.documentGuid, (counts.get(s.documentGuid) ?? 0) + 1);
    return counts;
  }, [data.segments]);
  const filtered = documents.length !== data.documents.length;

  const onVariableAction = (action: VariableAction, variable: VariableDefinition) => {
    if (action === 'moveLeft' || action === 'moveRight') {
      const index = variables.findIndex((v) => v.name === variable.name) + (action === 'moveLeft' ? -1 : 1);
      void moveVariable(project.guid, variable.name, index, db).then((r) => {
        if (!r.ok) notify('error', failureText(t, r));
      });
    } else setVariableDialog({ kind: action, variable });
  };

  const exportCsv = () => {
    const csv = toCsv({
      name: t('variables.exportName'),
      columns: [t('variables.table.document'), ...variables.map((v) => v.name)],
      rows: documents.map((d) => [d.name, ...variables.map((v) => ownValue(d.variables, v.name) ?? null)]),
    });
    downloadBytes(new TextEncoder().encode(csv), `${project.name} – ${t('variables.exportName')}.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <div className="vars-tab">
      <h2 className="visually-hidden">{t('variables.title')}</h2>
      <div className="vars-toolbar">
        <button type="button" onClick={() => setVariableDialog({ kind: 'add' })}>
          {t('variables.add.button')}
        </button>
        <CsvImportButton documents={data.documents} variables={variables} />
        <button type="button" onClick={exportCsv} disabled={documents.length === 0}>
          {t('variables.export')}
        </button>
      </div>
      <FilterBar data={data} value={filter} onChange={setFilter} />
      <p className="vars-shown">
        <span role="status">{t('variables.shown', { shown: documents.length, total: data.documents.length })}</span>
        {filtered && documents.length > 0 && (
          <button type="button" className="link-button" onClick={() => setGroupDialog({ kind: 'new', documentGuids: documents.map((d) => d.guid) })}>
            {t('variables.groups.fromFilter', { count: documents.length })}
          </button>
        )}
      </p>
      <p id="vars-grid-help" className="muted vars-help">
        {t('variables.intro')}
      </p>
      {data.documents.length === 0 ? (
        <p>{t('variables.table.noDocuments')}</p>
      ) : documents.length === 0 ? (
        <p>{t('variables.table.empty')}</p>
      ) : (
        <DocumentGrid
          documents={documents}
          segmentCounts={segmentCounts}
          variables={variables}
          groups={groups}
          allDocuments={data.documents}
          version={data}
          onVariableAction={onVariableAction}
        />
      )}
      <GroupsPanel groups={groups} onDialog={setGroupDialog} />
      <VariableDialogs dialog={variableDialog} documents={data.documents} onClose={() => setVariableDialog(null)} />
      <GroupDialogs dialog={groupDialog} onClose={() => setGroupDialog(null)} />
    </div>
  );
}
