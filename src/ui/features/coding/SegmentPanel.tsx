import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { removeCoding, setSegmentComment } from '../../../commands/coding';
import type { Coding, Segment, Turn } from '../../../domain/model';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { LazyPlainTextEditor } from '../../shell/PlainTextEditor.lazy';
import { useProject } from '../../shell/project-context';
import { TargetMemos } from '../memos/TargetMemos';
import './coding.css';

/** Speaker of the turn that holds an offset, if any. */
export function speakerAt(turns: readonly Turn[], offset: number): string | null {
  return turns.find((t) => t.start <= offset && offset < t.end)?.speaker ?? null;
}

/** What a click on coded text shows: each segment there with its codes, coder and comment. */
export function SegmentPanel(props: {
  segments: readonly Segment[];
  codingsBySegment: ReadonlyMap<string, readonly Coding[]>;
  turns: readonly Turn[];
  onClose(): void;
  onAddCode(segment: Segment): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="segment-panel" aria-label={t('segment.panel')}>
      <div className="segment-panel-head">
        <h2>{t('segment.title', { count: props.segments.length })}</h2>
        <button type="button" onClick={props.onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      {props.segments.map((s) => (
        <SegmentCard key={s.guid} segment={s} codings={props.codingsBySegment.get(s.guid) ?? []} speaker={speakerAt(props.turns, s.start)} onAddCode={() => props.onAddCode(s)} />
      ))}
    </section>
  );
}

function SegmentCard({ segment, codings, speaker, onAddCode }: { segment: Segment; codings: readonly Coding[]; speaker: string | null; onAddCode(): void }) {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const { db, project, codes, coders, coder: me } = useProject();
  const [comment, setComment] = useState(segment.comment);
  const coder = coders.find((c) => c.guid === segment.coderGuid);
  const excerpt = segment.text.length > 240 ? `${segment.text.slice(0, 240)}…` : segment.text;
  // Another coder's work is theirs: changing it asks first (a shared decision is the consensus's).
  const theirs = segment.coderGuid !== me.guid;
  const [pending, setPending] = useState<{ what: 'remove'; codeGuid: string; code: string } | { what: 'comment' } | null>(null);
  const saveComment = async () => {
    const r = await setSegmentComment(project.guid, segment.guid, comment, db);
    if (!r.ok) notify('error', failureText(t, r));
    else notify('info', t('segment.commentSaved'));
  };
  const remove = async (codeGuid: string) => {
    const r = await removeCoding(project.guid, segment.guid, codeGuid, db);
    if (!r.ok) notify('error', failureText(t, r));
  };
  const confirm = () => {
    const p = pending;
    setPending(null);
    if (p?.what === 'remove') void remove(p.codeGuid);
    else if (p?.what === 'comment') void saveComment();
  };
  return (
    <article className="segment-card">
      <blockquote className="segment-text">{excerpt}</blockquote>
      <p className="segment-meta muted">
        {speaker && <span>{t('segment.speaker', { name: speaker })} · </span>}
        <span className="coder-dot" style={{ background: coder?.color }} aria-hidden="true" />
        {t('segment.coder', { name: coder?.name ?? t('segment.unknownCoder') })} · {new Date(segment.createdAt).toLocaleString(i18n.language)}
      </p>
      <ul className="segment-codes" aria-label={t('segment.codes')}>
        {codings.map((c) => {
          const code = codes.find((x) => x.guid === c.codeGuid);
          return (
            <li key={c.guid} className="code-chip" style={{ borderColor: code?.color }}>
              <span className="swatch" style={{ background: code?.color }} aria-hidden="true" />
              <span>{code?.name ?? t('segment.unknownCode')}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('segment.removeCode', { code: code?.name ?? '' })}
                onClick={() => (theirs ? setPending({ what: 'remove', codeGuid: c.codeGuid, code: code?.name ?? '' }) : void remove(c.codeGuid))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onAddCode}>
        {t('segment.addCode')}
      </button>
      <div className="segment-comment">
        <LazyPlainTextEditor initialText={segment.comment} onChange={setComment} label={t('segment.comment')} minRows={2} />
        <button type="button" onClick={() => (theirs ? setPending({ what: 'comment' }) : void saveComment())} disabled={comment === segment.comment}>
          {t('segment.saveComment')}
        </button>
      </div>
      <TargetMemos target={{ kind: 'segment', guid: segment.guid }} name={segment.text} />
      <ConfirmDialog
        isOpen={pending !== null}
        title={pending?.what === 'remove' ? t('segment.othersRemoveTitle', { code: pending.code, coder: coder?.name ?? '' }) : t('segment.othersCommentTitle', { coder: coder?.name ?? '' })}
        confirmLabel={pending?.what === 'remove' ? t('segment.othersRemoveConfirm') : t('segment.othersCommentConfirm')}
        danger
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        <p>{t('segment.othersExplain', { coder: coder?.name ?? '' })}</p>
      </ConfirmDialog>
    </article>
  );
}
