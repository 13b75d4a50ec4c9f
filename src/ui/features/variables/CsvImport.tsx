import { useRef, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { importVariables, type VariablesImportResult } from '../../../commands/variables-import';
import type { DocumentRecord, VariableDefinition } from '../../../domain/model';
import { decodeText } from '../../../io/import/decode';
import { parseCsvTable, planVariablesImport, type VariablesImportPlan } from '../../../io/variables-csv';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

type Stage = { readonly file: string; readonly plan: VariablesImportPlan; readonly result: VariablesImportResult | null } | null;

/**
 * "Import CSV…": reads the file, shows what would happen (rows matched, new and existing columns
 * with their types, rows without a document, values that do not fit) and writes only when asked,
 * as one undoable step; then says what was written.
 */
export function CsvImportButton(props: { documents: readonly DocumentRecord[]; variables: readonly VariableDefinition[] }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const inputRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>(null);

  const read = async (file: File) => {
    const table = parseCsvTable(decodeText(new Uint8Array(await file.arrayBuffer())));
    if (!table.ok) {
      notify('error', t(`variables.import.${table.reason}`, { detail: table.detail ?? '' }));
      return;
    }
    setStage({ file: file.name, plan: planVariablesImport(table.value, props.documents, props.variables), result: null });
  };

  return (
    <>
      <button type="button" onClick={() => inputRef.current?.click()}>
        {t('variables.import.button')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        hidden
        aria-label={t('variables.import.input')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      <ModalOverlay isOpen={stage !== null} onOpenChange={(open) => !open && setStage(null)} isDismissable className="modal-overlay">
        <Modal className="modal vars-import-modal">
          <Dialog className="dialog vars-dialog">{stage && <ImportReport stage={stage} onStage={setStage} />}</Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}

function ImportReport({ stage, onStage }: { stage: NonNullable<Stage>; onStage(s: Stage): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [busy, setBusy] = useState(false);
  const { plan, result } = stage;
  const type = (x: string) => t(`variables.type.${x}`);
  const values = plan.matched.reduce((n, m) => n + Object.keys(m.values).length, 0);
  const nothing = values === 0 && !plan.columns.some((c) => c.isNew);

  const run = async () => {
    setBusy(true);
    const r = await importVariables(project.guid, plan, db);
    setBusy(false);
    if (!r.ok) notify('error', failureText(t, r));
    else onStage({ ...stage, result: r.value });
  };

  return (
    <>
      <Heading slot="title">{t('variables.import.title', { file: stage.file })}</Heading>
      <div className="dialog-body vars-report">
        {result ? (
          <div role="status">
            <p>{t('variables.import.done', { values: result.values, documents: result.documents })}</p>
            {result.created.length > 0 && <p>{t('variables.import.created', { names: result.created.join(', ') })}</p>}
          </div>
        ) : (
          <>
            <p>{t('variables.import.how', { column: plan.key.header, by: t(plan.key.by === 'guid' ? 'variables.import.byGuid' : 'variables.import.byName') })}</p>
            <p>{t('variables.import.matched', { count: plan.matched.length })}</p>
            {nothing && <p>{t('variables.import.nothing')}</p>}
          </>
        )}
        <h3>{t('variables.import.columns')}</h3>
        <ul>
          {plan.columns.map((c) => (
            <li key={c.index}>{t(c.isNew ? 'variables.import.newColumn' : 'variables.import.existingColumn', { name: c.variable, type: type(c.type) })}</li>
          ))}
          {plan.skipped.map((c) => (
            <li key={c.index} className="muted">
              {t(`variables.import.skippedColumn.${c.reason}`, { name: c.header, index: c.index + 1 })}
            </li>
          ))}
        </ul>
        {plan.unmatched.length > 0 && (
          <>
            <h3>{t('variables.import.unmatchedTitle')}</h3>
            <ul>
              {plan.unmatched.map((u) => (
                <li key={u.row}>{t(`variables.import.unmatched.${u.reason}`, { row: u.row, key: u.key })}</li>
              ))}
            </ul>
          </>
        )}
        {plan.refused.length > 0 && (
          <table className="vars-refused">
            <caption>{t('variables.import.refusedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('variables.import.row')}</th>
                <th scope="col">{t('variables.import.column')}</th>
                <th scope="col">{t('variables.import.value')}</th>
                <th scope="col">{t('variables.import.why')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.refused.map((r) => (
                <tr key={`${r.row}/${r.column}`}>
                  <td>{r.row}</td>
                  <td>{r.column}</td>
                  <td>{r.value}</td>
                  <td>{t('variables.import.refusedWhy', { type: type(r.type) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="dialog-actions">
        {result ? (
          <button type="button" className="primary" onClick={() => onStage(null)} autoFocus>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => onStage(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => void run()} disabled={busy || nothing} autoFocus>
              {t('variables.import.submit')}
            </button>
          </>
        )}
      </div>
    </>
  );
}
