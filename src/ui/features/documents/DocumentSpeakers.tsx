import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setSpeaker } from '../../../commands/documents';
import type { DocumentRecord, Turn } from '../../../domain/model';
import { applySpeakerMap, speakerSummary } from '../../../domain/turns';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { InlineRename } from './InlineRename';

/**
 * The speakers found in a document, as the user named them: rename, merge into another speaker,
 * or mark a label as no speaker (and restore it). Only names and counts change, never the text.
 */
export function DocumentSpeakers(props: { document: DocumentRecord; turns: readonly Turn[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const droppedId = useId();
  const map = props.document.speakerMap;
  const speakers = speakerSummary(applySpeakerMap(props.turns, map));
  // Labels as written in the text that the user marked as no speaker.
  const dropped = [...new Set(props.turns.map((turn) => turn.speaker))].filter((label) => Object.hasOwn(map, label) && map[label] === null);
  const change = useSpeakerChange(props.document.guid);
  // A row keeps its identity (and the keyboard focus) through a rename: its key is the first label
  // in the text shown under its name.
  const firstLabel = new Map<string, string>();
  for (const turn of props.turns) {
    const shown = applySpeakerMap([turn], map)[0]?.speaker;
    if (shown !== undefined && !firstLabel.has(shown)) firstLabel.set(shown, turn.speaker);
  }
  // After a merge, drop or restore the row is gone; focus goes to the heading, not to the page.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const changeAndRefocus: SpeakerChange = async (shownName, to) => {
    const ok = await change(shownName, to);
    if (ok) headingRef.current?.focus();
    return ok;
  };

  return (
    <section className="doc-section" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('documents.details.speakers')}
      </h3>
      <p className="doc-section-hint muted">{t('documents.details.speakersHint')}</p>
      {speakers.length === 0 ? (
        <p className="muted">{t('documents.details.noSpeakers')}</p>
      ) : (
        <ul className="doc-speakers">
          {speakers.map((s) => (
            <SpeakerRow
              key={firstLabel.get(s.name) ?? s.name}
              name={s.name}
              turns={s.turns}
              others={speakers.map((o) => o.name).filter((n) => n !== s.name)}
              rename={change}
              mergeOrDrop={changeAndRefocus}
            />
          ))}
        </ul>
      )}
      {dropped.length > 0 && (
        <>
          <h4 id={droppedId}>{t('documents.details.dropped')}</h4>
          <p className="doc-section-hint muted">{t('documents.details.droppedHint')}</p>
          <ul className="doc-dropped" aria-labelledby={droppedId}>
            {dropped.map((label) => (
              <li key={label}>
                <span className="doc-dropped-label">{label}</span>
                <button type="button" className="doc-small-button" onClick={() => void changeAndRefocus(label, label)} aria-label={t('documents.details.restoreLabel', { name: label })}>
                  {t('documents.details.restore')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type SpeakerChange = (shownName: string, to: string | null) => Promise<boolean>;

/** setSpeaker on the name as currently shown; failures become a notice. */
function useSpeakerChange(documentGuid: string): SpeakerChange {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  return async (shownName, to) => {
    const r = await setSpeaker(project.guid, documentGuid, shownName, to, db);
    if (!r.ok) notify('error', failureText(t, r));
    return r.ok;
  };
}

function SpeakerRow(props: { name: string; turns: number; others: readonly string[]; rename: SpeakerChange; mergeOrDrop: SpeakerChange }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { name, rename, mergeOrDrop } = props;
  const [target, setTarget] = useState('');
  // The chosen speaker, or the first one while nothing (or a speaker that has gone) is chosen.
  const mergeTarget = props.others.includes(target) ? target : (props.others[0] ?? '');

  return (
    <li className="doc-speaker">
      <InlineRename
        value={name}
        inputLabel={t('documents.details.speakerName', { name })}
        buttonText={t('documents.details.renameSpeaker')}
        buttonLabel={t('documents.details.renameSpeakerLabel', { name })}
        onSave={async (newName) => {
          if (!newName) {
            notify('error', failureText(t, { reason: 'empty-name' }));
            return false;
          }
          return rename(name, newName);
        }}
      >
        <span className="doc-speaker-name">{name}</span>
        <span className="doc-speaker-count muted">{t('documents.details.turns', { count: props.turns })}</span>
      </InlineRename>
      <div className="doc-speaker-actions">
        {props.others.length > 0 && (
          <>
            <span className="doc-merge-caption muted" aria-hidden="true">
              {t('documents.details.mergeInto')}
            </span>
            <select aria-label={t('documents.details.mergeIntoLabel', { name })} value={mergeTarget} onChange={(e) => setTarget(e.target.value)}>
              {props.others.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
            <button type="button" className="doc-small-button" onClick={() => void mergeOrDrop(name, mergeTarget)} aria-label={t('documents.details.mergeLabel', { name })}>
              {t('documents.details.merge')}
            </button>
          </>
        )}
        <button type="button" className="doc-small-button" onClick={() => void mergeOrDrop(name, null)} aria-label={t('documents.details.dropSpeakerLabel', { name })}>
          {t('documents.details.dropSpeaker')}
        </button>
      </div>
    </li>
  );
}
