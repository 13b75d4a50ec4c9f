import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createMemo, deleteMemo, updateMemo, type MemoContent, type MemoTarget } from '../../../commands/memos';
import type { Guid, Memo } from '../../../domain/model';
import type { MarkeerDb } from '../../../storage/db';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import type { MemoEditorContent } from './MemoEditor';
import { LazyMemoEditor } from './MemoEditor.lazy';
import { formatMemoDate, memoTarget } from './memo-list';

export interface MemoFormProps {
  /** The memo to show; null to write a new one on `target`. */
  readonly memoGuid: Guid | null;
  /** Where a new memo goes. */
  readonly target: MemoTarget;
  /** The user closes the memo; unsaved changes are saved first. */
  onClose(): void;
  /** A new memo was stored for the first time. */
  onCreated?(guid: Guid): void;
  readonly autoFocus?: boolean;
}

type Notice = 'changed-elsewhere' | 'deleted-elsewhere' | 'unreadable' | null;

interface Draft {
  readonly memo: Memo | null;
  /** Where the memo goes when saving writes a new one (a new memo, or one deleted meanwhile). */
  readonly target: MemoTarget;
  readonly title: string;
  /** The editor's content once the user changed it (for the editor with this key); else the memo's. */
  readonly edited: { readonly key: number; readonly content: MemoEditorContent } | null;
  readonly editorKey: number;
  readonly dirty: boolean;
}

function contentOf(draft: Draft): MemoContent {
  const edited = draft.edited?.key === draft.editorKey ? draft.edited.content : null;
  return { title: draft.title, text: edited?.text ?? draft.memo?.text ?? '', rich: edited ? edited.rich : (draft.memo?.rich ?? null) };
}

/** Writes the draft: a new memo when it has none (an empty new memo is not written), else an update. */
async function persist(db: MarkeerDb, projectGuid: Guid, authorGuid: Guid, draft: Draft) {
  const content = contentOf(draft);
  if (draft.memo) return updateMemo(projectGuid, draft.memo.guid, content, db);
  if (!content.title.trim() && !content.text.trim()) return null;
  return createMemo(projectGuid, { target: draft.target, authorGuid, ...content }, db);
}

function noticeText(t: TFunction, notice: Exclude<Notice, null>): string {
  return t(`memos.notice.${notice}`);
}

/**
 * One memo, to read and edit: its title, its rich text, its author and dates. Saving is explicit
 * (the Save button or Ctrl+Enter), and nothing typed is lost on closing: whatever way the memo is
 * closed (Close, Escape, another memo, another screen), unsaved changes are saved then, and the
 * browser asks before the page itself is left with unsaved changes.
 */
export function MemoForm({ memoGuid, target, onClose, onCreated, autoFocus = false }: MemoFormProps) {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder, coders } = useProject();
  const id = useId();
  const [guid, setGuid] = useState(memoGuid);
  // The result names the GUID it was read for: right after the first save of a new memo, the
  // result of the read for "no memo yet" is still there for a render, and is not the memo's.
  const live = useLiveQuery(async () => ({ guid, memo: guid ? ((await db.memos.get([project.guid, guid])) ?? null) : null }), [db, project.guid, guid]);
  const [draft, setDraft] = useState<Draft>({ memo: null, target, title: '', edited: null, editorKey: 0, dirty: false });
  const [loaded, setLoaded] = useState(memoGuid === null);
  const [seen, setSeen] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  // The stored memo changed (its first read, undo, another tab): follow it unless there are edits.
  const liveKey = live === undefined || guid === null || live.guid !== guid ? null : live.memo ? `${live.memo.guid}@${live.memo.updatedAt}` : 'gone';
  if (liveKey !== null && liveKey !== seen) {
    setSeen(liveKey);
    const stored = live?.memo ?? null;
    if (!loaded) {
      setLoaded(true);
      if (stored) setDraft((d) => ({ ...d, memo: stored, target: memoTarget(stored), title: stored.title }));
      else setNotice('deleted-elsewhere');
    } else if (!stored) {
      // Deleted meanwhile: keep what is shown; saving writes it again as a new memo.
      setDraft((d) => ({ ...d, memo: null }));
      setNotice('deleted-elsewhere');
    } else if (stored.updatedAt !== draft.memo?.updatedAt) {
      if (draft.dirty) setNotice('changed-elsewhere');
      else setDraft((d) => ({ ...d, memo: stored, title: stored.title, edited: null, editorKey: d.editorKey + 1 }));
    }
  }

  // What closing must save, read by the clean-up when the form goes away; `saved` bridges a save
  // that has completed and the render that puts its memo into the draft; `inflight` is that save.
  const latest = useRef<{ draft: Draft; discarded: boolean; saved: Memo | null; inflight: Promise<unknown> | null }>({ draft, discarded: false, saved: null, inflight: null });
  // A layout effect: updated before the browser can deliver the next key or click, so that a Save
  // right after typing never saves the draft before the last keystroke.
  useLayoutEffect(() => {
    latest.current.draft = draft;
    latest.current.saved = null;
  }, [draft]);
  useEffect(() => {
    const pending = latest.current;
    return () => {
      void (async () => {
        // A save still running goes first, so that closing right after Ctrl+Enter writes nothing twice.
        await pending.inflight;
        if (!pending.draft.dirty || pending.discarded) return;
        const r = await persist(db, project.guid, coder.guid, { ...pending.draft, memo: pending.draft.memo ?? pending.saved });
        if (r && !r.ok) notify('error', t('memos.notSaved', { reason: failureText(t, r) }));
        else if (r) notify('info', t('memos.savedOnClose'));
      })();
    };
    // Once per form: the clean-up runs when it closes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Leaving the page cannot wait for a save: the browser asks first.
  useEffect(() => {
    if (!draft.dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [draft.dirty]);

  /** Saves the draft; true when it is stored (or, on closing, an empty new memo left unwritten). */
  const save = async (closing = false): Promise<boolean> => {
    const pending = latest.current;
    if (pending.inflight) return false;
    const current = pending.draft;
    if (!current.dirty && current.memo) return true;
    setSaving(true);
    const write = persist(db, project.guid, coder.guid, { ...current, memo: current.memo ?? pending.saved });
    pending.inflight = write;
    const r = await write;
    pending.inflight = null;
    setSaving(false);
    if (r?.ok) pending.saved = r.value;
    if (r === null) {
      if (!closing) notify('error', t('memos.empty'));
      return closing;
    }
    if (!r.ok) {
      notify('error', t('memos.notSaved', { reason: failureText(t, r) }));
      return false;
    }
    const stored = r.value;
    // Edits typed while the write ran stay unsaved.
    setDraft((d) => ({ ...d, memo: stored, dirty: d !== current && d.dirty }));
    setNotice(null);
    if (!current.memo) {
      setSeen(`${stored.guid}@${stored.updatedAt}`);
      setGuid(stored.guid);
      onCreated?.(stored.guid);
    }
    notify('info', t('memos.saved'));
    return true;
  };

  const close = async () => {
    if (latest.current.draft.dirty && !(await save(true))) return;
    latest.current.discarded = true;
    onClose();
  };

  const discardChanges = () => {
    setNotice(null);
    setDraft((d) => ({ ...d, title: d.memo?.title ?? '', edited: null, editorKey: d.editorKey + 1, dirty: false }));
  };

  const remove = async () => {
    setConfirmingDelete(false);
    if (!draft.memo) return;
    const r = await deleteMemo(project.guid, draft.memo.guid, db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      return;
    }
    latest.current.discarded = true;
    notify('info', t('memos.deleted'));
    onClose();
  };

  if (!loaded) return <p className="muted">{t('common.loading')}</p>;
  const memo = draft.memo;
  const author = coders.find((c) => c.guid === (memo?.authorGuid ?? coder.guid));
  const content = contentOf(draft);
  return (
    <div className="memo-form">
      <label className="memo-field">
        <span className="memo-label">{t('memos.title')}</span>
        <input
          type="text"
          value={draft.title}
          placeholder={t('memos.titlePlaceholder')}
          onChange={(e) => {
            const title = e.target.value;
            setDraft((d) => ({ ...d, title, dirty: true }));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        />
      </label>
      {notice && (
        <p className="memo-notice" role="status">
          {noticeText(t, notice)}
        </p>
      )}
      <LazyMemoEditor
        key={draft.editorKey}
        initialText={content.text}
        initialRich={content.rich}
        label={t('memos.text')}
        describedBy={`${id}-help`}
        autoFocus={autoFocus}
        onChange={(next) => setDraft((d) => ({ ...d, edited: { key: d.editorKey, content: next }, dirty: true }))}
        onSubmit={() => void save()}
        onUnreadable={() => setNotice('unreadable')}
      />
      <p id={`${id}-help`} className="memo-help muted">
        {t('memos.help')}
      </p>
      <p className="memo-meta muted">
        {t('memos.author', { name: author?.name ?? t('memos.unknownAuthor') })}
        {memo && (
          <>
            {' · '}
            {t('memos.created', { date: formatMemoDate(memo.createdAt, i18n.language) })}
            {' · '}
            {t('memos.updated', { date: formatMemoDate(memo.updatedAt, i18n.language) })}
          </>
        )}
      </p>
      <div className="memo-actions">
        <button type="button" className="primary" aria-disabled={saving || undefined} aria-keyshortcuts="Control+Enter" onClick={() => void save()}>
          {t('memos.save')}
        </button>
        <button type="button" onClick={() => void close()}>
          {t('memos.close')}
        </button>
        {draft.dirty && memo && (
          <button type="button" onClick={discardChanges}>
            {t('memos.discard')}
          </button>
        )}
        {memo && (
          <button type="button" className="danger-text" onClick={() => setConfirmingDelete(true)}>
            {t('memos.delete')}
          </button>
        )}
        <span className="memo-status muted" aria-live="polite">
          {draft.dirty ? t('memos.unsaved') : memo ? t('memos.allSaved') : ''}
        </span>
      </div>
      <ConfirmDialog
        isOpen={confirmingDelete}
        title={t('memos.deleteTitle', { name: draft.title.trim() || t('memos.untitled') })}
        confirmLabel={t('memos.deleteConfirm')}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() => void remove()}
      >
        <p>{t('memos.deleteText')}</p>
      </ConfirmDialog>
    </div>
  );
}
