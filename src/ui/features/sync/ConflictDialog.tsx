import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TeamDoc } from '../../../sync/docs';
import { parseDocId } from '../../../sync/docs';
import { teamSync } from '../../../sync/manager';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { ProblemView } from './parts';
import { unexpectedProblem, type Problem } from './problems';
import { describeRecord, tableNoun } from './records';

interface Version {
  readonly rev: string;
  readonly doc: TeamDoc;
}

/** A code's versions show what a person changes in a code; other records the fields that differ. */
const CODE_FIELDS = ['name', 'color', 'definition'] as const;
/** Fields that never differ between versions of one record, or mean nothing to a person. */
const HIDDEN_FIELDS = new Set(['guid', 'projectGuid']);
const FIELD_LABELS = new Map<string, string>([
  ['name', 'sync.conflict.field.name'],
  ['color', 'sync.conflict.field.color'],
  ['definition', 'sync.conflict.field.definition'],
  ['text', 'sync.conflict.field.text'],
  ['comment', 'sync.conflict.field.comment'],
  ['title', 'sync.conflict.field.title'],
  ['description', 'sync.conflict.field.description'],
  ['scopeNote', 'sync.conflict.field.scopeNote'],
  ['start', 'sync.conflict.field.start'],
  ['end', 'sync.conflict.field.end'],
]);

function dataOf(v: Version): Record<string, unknown> {
  return v.doc._deleted || !v.doc.data ? {} : v.doc.data;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields to compare: a code's name, colour and definition; else every field that differs. */
export function conflictFields(table: string, versions: readonly Version[]): string[] {
  if (table === 'codes') return [...CODE_FIELDS];
  const all = new Set<string>();
  for (const v of versions) for (const k of Object.keys(dataOf(v))) if (!HIDDEN_FIELDS.has(k)) all.add(k);
  return [...all].filter((k) => versions.some((v) => !same(dataOf(v)[k], dataOf(versions[0] as Version)[k])));
}

/**
 * Two people changed the same record: every version side by side, the one shown meanwhile (the
 * deterministic winner) first, and a "Keep this one" under each. Keeping one makes it the record's
 * only version, for everyone, through the server.
 */
export function ConflictDialog({ projectGuid, id, onClose }: { projectGuid: string; id: string; onClose(): void }) {
  return (
    <ModalOverlay isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal-overlay">
      <Modal className="modal sync-conflict-modal">
        <Dialog className="dialog sync-dialog">
          <ConflictVersions projectGuid={projectGuid} id={id} onClose={onClose} />
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ConflictVersions({ projectGuid, id, onClose }: { projectGuid: string; id: string; onClose(): void }) {
  const { t } = useTranslation();
  const { db } = useProject();
  const { notify } = useNotify();
  const tableId = useId();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseDocId(id);
  const name = useLiveQuery(() => (parsed ? describeRecord(t, db, projectGuid, parsed.table, parsed.key) : id), [db, projectGuid, id, t]);

  useEffect(() => {
    let current = true;
    const engine = teamSync.engine(projectGuid);
    if (!engine) {
      setProblem({ message: t('sync.conflict.notRunning'), serverText: null });
      return;
    }
    engine.conflictVersions(id).then(
      (found) => current && setVersions(found),
      (e: unknown) => current && setProblem(unexpectedProblem(t, e)),
    );
    return () => {
      current = false;
    };
  }, [projectGuid, id, t]);

  const keep = async (rev: string) => {
    const engine = teamSync.engine(projectGuid);
    if (!engine || busy) return;
    setBusy(true);
    try {
      await engine.resolveConflict(id, rev);
      notify('info', t('sync.conflict.resolved'));
      onClose();
    } catch (e) {
      setProblem(unexpectedProblem(t, e));
      setBusy(false);
    }
  };

  const table = parsed?.table ?? '';
  const fields = versions ? conflictFields(table, versions) : [];
  return (
    <>
      <Heading slot="title">{t('sync.conflict.title', { name: name ?? '…' })}</Heading>
      <p>{t('sync.conflict.intro', { what: tableNoun(t, table) })}</p>
      {versions === null && !problem && <p className="hint">{t('common.loading')}</p>}
      {versions && versions.length < 2 && <p>{t('sync.conflict.gone')}</p>}
      {versions && versions.length >= 2 && (
        <div className="sync-conflict-scroll">
          <table className="sync-conflict-table">
            <thead>
              <tr>
                <td />
                {versions.map((v, i) => (
                  <th key={v.rev} id={`${tableId}-${i}`} scope="col">
                    {t('sync.conflict.version', { n: i + 1 })}
                    {i === 0 && <span className="sync-shown"> {t('sync.conflict.shown')}</span>}
                    {v.doc._deleted && <span className="sync-deleted"> {t('sync.conflict.deleted')}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fields.length === 0 && (
                <tr>
                  <td colSpan={versions.length + 1}>{t('sync.conflict.noDifference')}</td>
                </tr>
              )}
              {fields.map((field) => (
                <tr key={field}>
                  <th scope="row">{FIELD_LABELS.has(field) ? t(FIELD_LABELS.get(field) as string) : field}</th>
                  {versions.map((v) => (
                    <td key={v.rev}>
                      <FieldValue t={t} field={field} value={dataOf(v)[field]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                {versions.map((v, i) => (
                  <td key={v.rev}>
                    <button type="button" className={i === 0 ? 'primary' : undefined} onClick={() => void keep(v.rev)} aria-describedby={`${tableId}-${i}`} aria-disabled={busy || undefined}>
                      {t('sync.conflict.keep')}
                    </button>
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <ProblemView problem={problem} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('sync.conflict.later')}
        </button>
      </div>
    </>
  );
}

function FieldValue({ t, field, value }: { t: TFunction; field: string; value: unknown }) {
  if (value === undefined || value === null || value === '') return <span className="muted">{t('sync.conflict.empty')}</span>;
  if (field === 'color' && typeof value === 'string') {
    return (
      <span>
        {/* Only a colour is painted: the value came from the server. */}
        {/^#[0-9a-f]{6}$/i.test(value) && <span className="sync-swatch" style={{ background: value }} aria-hidden="true" />}
        {value}
      </span>
    );
  }
  return <span className="sync-value">{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
}
