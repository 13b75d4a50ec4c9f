import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { descendantGuids, flattenTree } from '../../../domain/codebook';
import { hiddenCoderGuid } from '../../../domain/exercise';
import { retrieveSegments } from '../../../domain/retrieval';
import { lensShows } from '../../../domain/lens';
import { useLens } from '../../shell/lens-context';
import { useProject } from '../../shell/project-context';
import { LensControl } from '../project/LensControl';
import './retrieval.css';

/** Every segment of a code (descendants included) across documents, with context; a click jumps to it. */
export function RetrievalPanel(props: {
  codeGuid: string | null;
  onSelectCode(guid: string | null): void;
  onJump(target: { documentGuid: string; start: number; end: number }): void;
}) {
  const { t } = useTranslation();
  const { db, project, codes, coders } = useProject();
  const { shown } = useLens();
  const id = useId();
  const codeSet = useMemo(() => (props.codeGuid ? descendantGuids(codes, props.codeGuid) : new Set<string>()), [codes, props.codeGuid]);

  const data = useLiveQuery(async () => {
    if (codeSet.size === 0) return null;
    const keys = [...codeSet].map((g) => [project.guid, g] as [string, string]);
    const hidden = hiddenCoderGuid(project);
    const codings = (await db.codings.where('[projectGuid+codeGuid]').anyOf(keys).toArray()).filter((c) => c.coderGuid !== hidden && lensShows(shown, c.coderGuid));
    const segmentKeys = [...new Set(codings.map((c) => c.segmentGuid))].map((g) => [project.guid, g] as [string, string]);
    const segments = (await db.segments.bulkGet(segmentKeys)).filter((s) => s !== undefined);
    const docGuids = [...new Set(segments.map((s) => s.documentGuid))];
    const docs = (await db.documents.bulkGet(docGuids.map((g) => [project.guid, g] as [string, string]))).filter((d) => d !== undefined);
    const texts = (await db.documentTexts.bulkGet(docGuids.map((g) => [project.guid, g] as [string, string]))).filter((d) => d !== undefined);
    return { codings, segments, docs, texts };
  }, [db, project, codeSet, shown]);

  const rows = useMemo(() => (data ? retrieveSegments({ ...data, codeGuids: codeSet, coders, codes }) : []), [data, codeSet, coders, codes]);

  return (
    <div className="retrieval">
      <label className="stack-label">
        {t('retrieval.code')}
        <select value={props.codeGuid ?? ''} onChange={(e) => props.onSelectCode(e.target.value || null)}>
          <option value="">{t('retrieval.pickCode')}</option>
          {flattenTree(codes).map(({ code, depth }) => (
            <option key={code.guid} value={code.guid}>
              {'\u00a0\u00a0'.repeat(depth)}
              {code.name}
            </option>
          ))}
        </select>
      </label>
      <LensControl />
      {props.codeGuid && (
        <p id={`${id}-count`} className="muted" aria-live="polite">
          {t('retrieval.count', { count: rows.length, documents: new Set(rows.map((r) => r.documentGuid)).size })}
        </p>
      )}
      <ol className="retrieval-list" aria-describedby={`${id}-count`}>
        {rows.map((r) => (
          <li key={r.segmentGuid}>
            <button type="button" className="retrieval-item" onClick={() => props.onJump(r)}>
              <span className="retrieval-where">
                <strong>{r.documentName}</strong>
                {r.speaker && <span> · {r.speaker}</span>}
                <span className="muted"> · {r.coderName}</span>
              </span>
              <span className="retrieval-text">
                <span className="muted">{r.before}</span>
                <mark>{r.match}</mark>
                <span className="muted">{r.after}</span>
              </span>
              <span className="retrieval-codes muted">{r.codeNames.join(', ')}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
