import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { withoutHidden } from '../../../domain/exercise';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { downloadBytes } from '../bundles/download';

type Format = 'csv' | 'xlsx' | 'html';
const FORMATS: readonly Format[] = ['csv', 'xlsx', 'html'];
const TYPES: Record<Format, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html;charset=utf-8',
};

/** A file name without characters that file systems refuse. */
const fileSafe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'markeer';

/**
 * "Export codebook…": the codebook as a table (CSV or XLSX: path, parent, level, definition,
 * colour, key, codings, memos) or as a report to print (HTML). Reads the whole project when
 * asked, so that counts per coder and memos are current.
 */
export function CodebookExport() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="cb-export" onClick={() => setOpen(true)}>
        {t('codebook.export.button')}
      </button>
      <ModalOverlay isOpen={open} onOpenChange={setOpen} isDismissable className="modal-overlay">
        <Modal className="modal">
          <Dialog className="dialog">
            <ExportChoices onClose={() => setOpen(false)} />
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}

function ExportChoices({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const [busy, setBusy] = useState(false);

  const download = async (format: Format) => {
    setBusy(true);
    try {
      // Report builders and the XLSX writer load on first use, not with the coding screen.
      const [{ readProjectData }, { codebookTable }, { codebookHtml }, { toCsv, toXlsx }] = await Promise.all([
        import('../../../storage/project-data'),
        import('../../../io/reports/codebook'),
        import('../../../io/reports/codebook-html'),
        import('../../../io/tables'),
      ]);
      const read = await readProjectData(db, project.guid);
      if (!read) throw new Error(t('codebook.export.notFound'));
      // A student's codebook export counts and lists only what the student may see.
      const data = withoutHidden(read);
      const file = `${fileSafe(project.name)}-${t('codebook.export.fileName')}.${format}`;
      const columns = t('codebook.export.columns', { returnObjects: true }) as Parameters<typeof codebookTable>[1];
      let bytes: Uint8Array;
      if (format === 'html') {
        const labels = t('codebook.export.report', { returnObjects: true }) as NonNullable<Parameters<typeof codebookHtml>[1]['labels']>;
        const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date());
        bytes = new TextEncoder().encode(codebookHtml(data, { projectName: project.name, lang: i18n.language, date, labels }));
      } else {
        const table = codebookTable(data, columns, t('codebook.title'));
        bytes = format === 'csv' ? new TextEncoder().encode(toCsv(table)) : new Uint8Array(await (await toXlsx([table])).arrayBuffer());
      }
      downloadBytes(bytes, file, TYPES[format]);
      notify('info', t('codebook.export.done', { file }));
      onClose();
    } catch (e) {
      notify('error', t('codebook.export.failed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Heading slot="title">{t('codebook.export.title')}</Heading>
      <ul className="cb-export-formats">
        {FORMATS.map((f) => (
          <li key={f}>
            <button type="button" disabled={busy} onClick={() => void download(f)} aria-describedby={`cb-export-${f}`}>
              {t(`codebook.export.${f}`)}
            </button>{' '}
            <span id={`cb-export-${f}`} className="hint">
              {t(`codebook.export.${f}Hint`)}
            </span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('codebook.cancel')}
        </button>
      </div>
    </>
  );
}
