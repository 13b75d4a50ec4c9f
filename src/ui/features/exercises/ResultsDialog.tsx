import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useId, useMemo, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { exerciseResults, meanOverCodes } from '../../../domain/exercise';
import type { Guid } from '../../../domain/model';
import { toCsv } from '../../../io/tables';
import { listDocuments } from '../../../storage/queries';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { downloadBytes } from '../bundles/download';
import { slug } from '../../../commands/bundles';
import { AttemptsTable } from './AttemptsTable';
import { ProgressChart } from './ProgressChart';
import { Figure, useDateTime, useDecimal, usePercent } from './format';
import { resultsTable } from './results';
import './exercises.css';

/**
 * "Exercise results": the teacher's table of students, after merging their bundles into this
 * project. One row per student with their latest attempt's figures and the number of attempts;
 * each row opens the student's history. The whole table (every attempt) exports as CSV.
 */
export function ResultsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coders } = useProject();
  const id = useId();
  const attempts = useLiveQuery(() => db.attempts.where('projectGuid').equals(project.guid).toArray(), [db, project.guid]);
  const documents = useLiveQuery(() => listDocuments(db, project.guid), [db, project.guid]);
  const rows = useMemo(() => (attempts ? exerciseResults({ project, coders, attempts }) : []), [project, coders, attempts]);
  const names = useMemo(() => new Map((documents ?? []).map((d) => [d.guid, d.name])), [documents]);
  const [open, setOpen] = useState<ReadonlySet<Guid>>(new Set());
  const percent = usePercent();
  const decimal = useDecimal();
  const date = useDateTime();

  const exportCsv = () => {
    const csv = toCsv(resultsTable(rows, names, t('exercises.results.title')));
    const file = `${slug(project.name)}-${slug(t('exercises.results.fileSuffix'))}.csv`;
    downloadBytes(new TextEncoder().encode(csv), file, 'text/csv');
    notify('info', t('exercises.results.exported', { file }));
  };
  const toggle = (guid: Guid) => {
    const next = new Set(open);
    if (!next.delete(guid)) next.add(guid);
    setOpen(next);
  };

  return (
    <ModalOverlay isOpen onOpenChange={(o) => !o && onClose()} isDismissable className="modal-overlay exercise-overlay">
      <Modal className="modal exercise-modal">
        <Dialog className="dialog exercise-dialog">
          <div className="exercise-dialog-head">
            <Heading slot="title">{t('exercises.results.title')}</Heading>
            <span className="exercise-head-actions">
              <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
                {t('exercises.results.csv')}
              </button>
              <button type="button" onClick={onClose}>
                {t('exercises.close')}
              </button>
            </span>
          </div>
          <div className="exercise-dialog-body">
            <p className="hint">{t('exercises.results.intro')}</p>
            {rows.length === 0 ? (
              <p>{t('exercises.results.none')}</p>
            ) : (
              <table className="fb-table exercise-results">
                <caption>{t('exercises.results.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('exercises.results.student')}</th>
                    <th scope="col">{t('exercises.results.attempts')}</th>
                    <th scope="col">{t('exercises.results.latest')}</th>
                    <th scope="col">{t('exercises.progress.documents')}</th>
                    <th scope="col">{t('exercises.fb.found')}</th>
                    <th scope="col">{t('exercises.fb.recall')}</th>
                    <th scope="col">{t('exercises.fb.precision')}</th>
                    <th scope="col">{t('exercises.results.agreement')}</th>
                    <th scope="col">{t('exercises.results.kappa')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ coder, attempts: list }) => {
                    const latest = list[list.length - 1];
                    const expanded = open.has(coder.guid);
                    const pa = latest ? meanOverCodes(latest, 'percentAgreement') : null;
                    return (
                      <Fragment key={coder.guid}>
                        <tr>
                          <th scope="row">
                            <button type="button" className="fb-code-button" aria-expanded={expanded} aria-controls={`${id}-${coder.guid}`} onClick={() => toggle(coder.guid)} disabled={list.length === 0}>
                              <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                              <span className="coder-dot" style={{ background: coder.color }} aria-hidden="true" />
                              {coder.name}
                            </button>
                          </th>
                          <td>{list.length}</td>
                          <td>{latest ? date(latest.createdAt) : '—'}</td>
                          <td>{latest ? latest.documentGuids.map((d) => names.get(d) ?? '?').join(', ') : '—'}</td>
                          <td>{latest ? t('exercises.fb.foundOf', { found: latest.overall.found, count: latest.overall.reference }) : '—'}</td>
                          <td>
                            <Figure value={latest?.overall.recall ?? null} format={percent} />
                          </td>
                          <td>
                            <Figure value={latest?.overall.precision ?? null} format={percent} />
                          </td>
                          <td>
                            <Figure value={pa === null ? null : pa / 100} format={percent} />
                          </td>
                          <td>
                            <Figure value={latest ? meanOverCodes(latest, 'cohenKappa') : null} format={decimal} />
                          </td>
                        </tr>
                        {expanded && (
                          <tr id={`${id}-${coder.guid}`}>
                            <td colSpan={9} className="exercise-history">
                              <ProgressChart attempts={list} />
                              <AttemptsTable attempts={list} documentNames={names} caption={t('exercises.results.history', { name: coder.name })} />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            )}
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
