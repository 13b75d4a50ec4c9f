import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { history } from '../../../commands/history';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';

let version = 0;
history.subscribe(() => {
  version++;
});

/** Undo and redo buttons naming the step they would undo or redo. */
export function UndoRedo() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  useSyncExternalStore(
    (cb) => history.subscribe(cb),
    () => version,
  );
  const undo = history.peekUndo();
  const redo = history.peekRedo();
  const run = async (which: 'undo' | 'redo') => {
    const r = which === 'undo' ? await history.undo() : await history.redo();
    if (r.ok) notify('info', t(which === 'undo' ? 'history.undone' : 'history.redone', { step: t(r.value.label) }));
    else notify('error', failureText(t, r));
  };
  return (
    <span className="undo-redo">
      <button type="button" disabled={!undo} onClick={() => run('undo')} aria-keyshortcuts="Control+Z" title={undo ? t('history.undoStep', { step: t(undo.label) }) : t('history.undo')}>
        <span aria-hidden="true">↶</span>
        <span className="visually-hidden">{t('history.undo')}</span>
      </button>
      <button type="button" disabled={!redo} onClick={() => run('redo')} aria-keyshortcuts="Control+Y Control+Shift+Z" title={redo ? t('history.redoStep', { step: t(redo.label) }) : t('history.redo')}>
        <span aria-hidden="true">↷</span>
        <span className="visually-hidden">{t('history.redo')}</span>
      </button>
    </span>
  );
}
