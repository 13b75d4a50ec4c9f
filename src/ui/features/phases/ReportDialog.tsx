import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ThemesReportLabels } from '../../../io/reports/themes-report';
import { applyLens } from '../../../domain/lens';
import { withoutHidden } from '../../../domain/exercise';
import { useLens } from '../../shell/lens-context';
import { useNotify } from '../../shell/notify';
import { useLensLine } from '../project/lens';
import { useProject } from '../../shell/project-context';
import { downloadBytes } from '../bundles/download';
import './phases.css';

type Format = 'html' | 'docx';
const FORMATS: readonly Format[] = ['html', 'docx'];
const TYPES: Record<Format, string> = {
  html: 'text/html;charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A file name without characters that file systems refuse. */
const fileSafe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'markeer';

/**
 * "Produce report…" (phase 6): the project's themes, with definitions, codes and the quotations
 * picked, as HTML to print or as a Word document. The report code and the .docx writer load
 * when a report is made, not with the app.
 */
export function ReportDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">{isOpen && <ReportChoices onClose={onClose} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ReportChoices({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const { shown } = useLens();
  const coding = useLensLine();
  const [busy, setBusy] = useState(false);
  const themeCount = useLiveQuery(() => db.themes.where('projectGuid').equals(project.guid).count(), [db, project.guid]);

  const download = async (format: Format) => {
    setBusy(true);
    try {
      const [{ readProjectData }, builder] = await Promise.all([
        import('../../../storage/project-data'),
        format === 'html' ? import('../../../io/reports/themes-html').then((m) => m.themesHtml) : import('../../../io/reports/themes-docx').then((m) => m.themesDocx),
      ]);
      const read = await readProjectData(db, project.guid);
      if (!read) throw new Error(t('project.notFound'));
      // The quotations of the coders the lens shows; a student's report never holds the reference.
      const data = applyLens(withoutHidden(read), shown);
      const labels = t('phases.report.labels', { returnObjects: true }) as ThemesReportLabels;
      const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date());
      const made = await builder(data, { projectName: project.name, lang: i18n.language, date, coding, labels });
      const bytes = typeof made === 'string' ? new TextEncoder().encode(made) : made;
      const file = `${fileSafe(project.name)}-${t('phases.report.fileName')}.${format}`;
      downloadBytes(bytes, file, TYPES[format]);
      notify('info', t('phases.report.done', { file }));
    } catch (e) {
      notify('error', t('phases.report.failed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Heading slot="title">{t('phases.report.title')}</Heading>
      <p>{t('phases.report.intro')}</p>
      {themeCount !== undefined && <p className={themeCount === 0 ? 'report-no-themes' : 'muted'}>{themeCount === 0 ? t('phases.report.noThemes') : t('phases.report.themes', { count: themeCount })}</p>}
      <ul className="report-formats">
        {FORMATS.map((f) => (
          <li key={f}>
            <button type="button" aria-disabled={busy || undefined} onClick={() => !busy && void download(f)} aria-describedby={`report-${f}-hint`}>
              {t(`phases.report.${f}`)}
            </button>{' '}
            <span id={`report-${f}-hint`} className="hint">
              {t(`phases.report.${f}Hint`)}
            </span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('phases.report.close')}
        </button>
      </div>
    </>
  );
}
