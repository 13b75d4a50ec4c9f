import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { addInVivoCode, createCodeAndApply, type OpenCodingResult } from '../../../commands/open-coding';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { setOpenCodingHandler, type OpenCodingKind } from './open-coding-request';
import './phases.css';

interface Range {
  readonly documentGuid: string;
  readonly start: number;
  readonly end: number;
}

/** The keys of open coding; Alt rather than Ctrl+Shift, because browsers keep Ctrl+Shift+N (a private window) for themselves. */
export const OPEN_CODING_KEYS: Readonly<Record<OpenCodingKind, { code: string; aria: string; label: string }>> = {
  'in-vivo': { code: 'KeyI', aria: 'Alt+I', label: 'Alt+I' },
  new: { code: 'KeyN', aria: 'Alt+N', label: 'Alt+N' },
};

/** Whether a key goes to a field being edited (the transcript is read-only, so it does not count). */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.isContentEditable && !el.classList.contains('transcript'));
}

/**
 * Open coding from the keyboard (phase 2): Alt+I makes an in-vivo code named after the selected
 * words and applies it; Alt+N asks for a name, then makes and applies that code. Each is one
 * undoable step. A name that exists already applies that code instead (and says so).
 */
export function OpenCoding({ currentSelection }: { currentSelection(): Range | null }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project, coder } = useProject();
  const [prompt, setPrompt] = useState<Range | null>(null);
  const reader = useRef(currentSelection);
  useEffect(() => {
    reader.current = currentSelection;
  }, [currentSelection]);

  const report = (r: Awaited<ReturnType<typeof addInVivoCode>>, kind: OpenCodingKind) => {
    if (!r.ok) {
      notify('error', kind === 'in-vivo' && r.reason === 'empty-name' ? t('phases.open.noWords') : failureText(t, r));
      return;
    }
    const v: OpenCodingResult = r.value;
    const key = v.alreadyApplied ? 'phases.open.alreadyApplied' : v.created ? 'phases.open.created' : 'phases.open.existing';
    notify('info', t(key, { code: v.codeName }));
  };

  // The handler reads the latest props through refs, so that it is installed once.
  const run = useRef<(kind: OpenCodingKind) => void>(() => undefined);
  useEffect(() => {
    run.current = (kind) => {
      const range = reader.current();
      if (!range) {
        notify('info', t('phases.open.selectFirst'));
        return;
      }
      if (kind === 'new') setPrompt(range);
      else void addInVivoCode({ projectGuid: project.guid, coderGuid: coder.guid, ...range }, db).then((r) => report(r, kind));
    };
  });

  useEffect(() => {
    const off = setOpenCodingHandler((kind) => run.current(kind));
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || typingIn(e.target)) return;
      const kind = (Object.keys(OPEN_CODING_KEYS) as OpenCodingKind[]).find((k) => OPEN_CODING_KEYS[k].code === e.code);
      if (!kind) return;
      e.preventDefault();
      run.current(kind);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off();
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <ModalOverlay isOpen={prompt !== null} onOpenChange={(open) => !open && setPrompt(null)} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          {prompt && (
            <NamePrompt
              onCancel={() => setPrompt(null)}
              onSubmit={async (name) => {
                const r = await createCodeAndApply({ projectGuid: project.guid, coderGuid: coder.guid, ...prompt, name }, db);
                report(r, 'new');
                if (r.ok) setPrompt(null);
              }}
            />
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function NamePrompt({ onCancel, onSubmit }: { onCancel(): void; onSubmit(name: string): Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await onSubmit(name);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Heading slot="title">{t('phases.open.promptTitle')}</Heading>
      <p id={`${id}-text`}>{t('phases.open.promptText')}</p>
      <label htmlFor={`${id}-name`}>{t('phases.open.promptName')}</label>
      <input id={`${id}-name`} className="open-coding-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-text`} />
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('phases.open.cancel')}
        </button>
        <button type="submit" className="primary" aria-disabled={busy || !name.trim() || undefined}>
          {t('phases.open.create')}
        </button>
      </div>
    </form>
  );
}
