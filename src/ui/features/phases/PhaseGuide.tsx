import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { phaseProgressOf } from '../../../domain/phases';
import { useProject } from '../../shell/project-context';
import './phases.css';

const PhaseGuidePanel = lazy(() => import('./PhaseGuidePanel'));

/**
 * The phase guide's control in the project header: "Phase n of 6: name", always visible. It
 * opens a side panel that does not block the screen; Escape or the close button shuts it and
 * the focus comes back here.
 */
export function PhaseGuideButton() {
  const { t } = useTranslation();
  const { project } = useProject();
  const progress = phaseProgressOf(project);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`phase-button${open ? ' phase-button-open' : ''}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title={t('phases.buttonTitle')}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="phase-button-n">{t('phases.button', { n: progress.current })}</span>{' '}
        <span className="phase-button-name">{t(`phases.name.${progress.current}`)}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <PhaseGuidePanel id={panelId} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
