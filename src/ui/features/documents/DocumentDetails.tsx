import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteDocument, renameDocument } from '../../../commands/documents';
import type { DocumentRecord } from '../../../domain/model';
import { variableList, variableValues } from '../../../domain/variables';
import { hiddenCoderGuid } from '../../../domain/exercise';
import { getDocumentText, listDocuments, segmentCounts } from '../../../storage/queries';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { navigate } from '../../shell/route';
import { DocumentSpeakers } from './DocumentSpeakers';
import { DocumentVariables } from './DocumentVariables';
import { MemosDeletedNote } from '../memos/MemosDeletedNote';
import { TargetMemos } from '../memos/TargetMemos';
import { InlineRename } from './InlineRename';
import { PasteDialog } from './PasteDialog';
import './documents.css';

/** The side panel of one document: its name, variables, speakers, text editing and deletion. */
export function DocumentDetails(props: { documentGuid: string }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const data = useLiveQuery(async () => {
    const documents = await listDocuments(db, project.guid);
    const document = documents.find((d) => d.guid === props.documentGuid) ?? null;
    if (!document) return { document: null } as const;
    // A student's count leaves out the exercise's hidden reference (domain/exercise.ts).
    const hidden = hiddenCoderGuid(project);
    const [stored, counts, hiddenCount] = await Promise.all([
      getDocumentText(db, project.guid, props.documentGuid),
      segmentCounts(db, project.guid, [props.documentGuid]),
      hidden ? db.segments.where('[projectGuid+documentGuid]').equals([project.guid, props.documentGuid]).filter((s) => s.coderGuid === hidden).count() : 0,
    ]);
    // The project's variables, each with the values documents have, offered while typing.
    const variables = variableList(project.guid, await db.variables.where('projectGuid').equals(project.guid).toArray(), documents);
    const suggestions = new Map(variables.map((v) => [v.name, variableValues(v, documents)]));
    return { document, turns: stored?.turns ?? [], segments: (counts?.get(props.documentGuid) ?? 0) - hiddenCount, variables, suggestions };
  }, [db, project, props.documentGuid]);

  if (data === undefined) return <p className="doc-details muted">{t('documents.details.loading')}</p>;
  if (data.document === null) return <p className="doc-details">{t('documents.details.notFound')}</p>;
  return (
    <div className="doc-details">
      <DocumentHeader document={data.document} />
      <DocumentVariables document={data.document} variables={data.variables} suggestions={data.suggestions} />
      <DocumentSpeakers document={data.document} turns={data.turns} />
      <TextSection document={data.document} segments={data.segments} />
      <TargetMemos target={{ kind: 'document', guid: data.document.guid }} name={data.document.name} />
      <DeleteSection document={data.document} segments={data.segments} />
    </div>
  );
}

function DocumentHeader({ document }: { document: DocumentRecord }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  return (
    <header className="doc-details-header">
      <InlineRename
        value={document.name}
        inputLabel={t('documents.details.name')}
        buttonText={t('documents.details.rename')}
        onSave={async (name) => {
          const r = await renameDocument(project.guid, document.guid, name, db);
          if (!r.ok) notify('error', failureText(t, r));
          return r.ok;
        }}
      >
        <h2 className="doc-details-name">{document.name}</h2>
      </InlineRename>
      <p className="doc-details-meta muted">
        {document.source && <span>{t('documents.details.source', { source: document.source })}</span>}
        <span>{t('documents.details.length', { count: document.length })}</span>
      </p>
    </header>
  );
}

function TextSection({ document, segments }: { document: DocumentRecord; segments: number }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <section className="doc-section">
      {segments === 0 ? (
        <button type="button" onClick={() => setEditing(true)}>
          {t('documents.details.editText')}
        </button>
      ) : (
        <p className="doc-frozen muted">{t('documents.details.frozen', { count: segments })}</p>
      )}
      <PasteDialog mode="edit" isOpen={editing} onClose={() => setEditing(false)} documentGuid={document.guid} documentName={document.name} />
    </section>
  );
}

function DeleteSection({ document, segments }: { document: DocumentRecord; segments: number }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    setConfirming(false);
    const r = await deleteDocument(project.guid, document.guid, db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      return;
    }
    notify('info', t('documents.details.deleted', { name: document.name }));
    navigate({ name: 'project', projectGuid: project.guid, documentGuid: null });
  };
  return (
    <section className="doc-section doc-danger-zone">
      <button type="button" className="danger-text" onClick={() => setConfirming(true)}>
        {t('documents.details.delete')}
      </button>
      <ConfirmDialog
        isOpen={confirming}
        title={t('documents.details.deleteTitle', { name: document.name })}
        confirmLabel={t('documents.details.deleteConfirm')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => void remove()}
      >
        <p>{t('documents.details.deleteText', { count: segments })}</p>
        <MemosDeletedNote kind="document" guid={document.guid} />
      </ConfirmDialog>
    </section>
  );
}
