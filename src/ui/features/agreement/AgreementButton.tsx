import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hiddenCoderGuid } from '../../../domain/exercise';
import { useProject } from '../../shell/project-context';
import type { JumpTarget } from './AgreementDialog';

// The dialog (tables, statistics, CSV) loads on first use, not with the coding screen.
const AgreementDialog = lazy(() => import('./AgreementDialog').then((m) => ({ default: m.AgreementDialog })));

/** "Agreement" in the project header: opens the agreement dialog; a jump closes it. */
export function AgreementButton({ onJump }: { onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { project } = useProject();
  // A student of an exercise compares with the reference through feedback, never here.
  if (hiddenCoderGuid(project)) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('agreement.open')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <AgreementDialog isOpen onClose={() => setOpen(false)} onJump={onJump} />
        </Suspense>
      )}
    </>
  );
}
