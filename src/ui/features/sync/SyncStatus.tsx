import { lazy, Suspense, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TeamLink } from '../../../sync/engine';
import { useProject } from '../../shell/project-context';
import { SyncDetails } from './SyncDetails';
import { announcedText, shortStateText } from './status-text';
import { useSyncStatus, useTeamLink } from './useSyncStatus';
import './sync.css';

const ConflictDialog = lazy(() => import('./ConflictDialog').then((m) => ({ default: m.ConflictDialog })));
const TeamServerDialog = lazy(() => import('./TeamServerDialog').then((m) => ({ default: m.TeamServerDialog })));

/**
 * Where a connected project's sync stands, in the project's header: a dot and a few words
 * ("Gesynchroniseerd", "Offline sinds 10:42 · 5 wachten"), and a count when the server refused a
 * change or two versions conflict. It opens the details. Nothing shows for a project that is not
 * connected.
 */
export function SyncStatus() {
  const { db, project } = useProject();
  const link = useTeamLink(db, project.guid);
  if (!link) return null;
  return <SyncIndicator projectGuid={project.guid} link={link} />;
}

function SyncIndicator({ projectGuid, link }: { projectGuid: string; link: TeamLink }) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus(projectGuid);
  const [open, setOpen] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [server, setServer] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const text = shortStateText(t, status.state, i18n.language);
  const issues = status.refused.length + status.conflicts.length;
  const issueTexts = [
    ...(status.refused.length > 0 ? [t('sync.issues.refused', { count: status.refused.length })] : []),
    ...(status.conflicts.length > 0 ? [t('sync.issues.conflicts', { count: status.conflicts.length })] : []),
  ];
  const label = t('sync.status.label', { text: [text, ...issueTexts].join(', ') });
  // A dialog opened from the details replaces them: when it closes, the focus goes back to this button.
  const backToButton = () => requestAnimationFrame(() => buttonRef.current?.focus());

  return (
    <>
      <DialogTrigger isOpen={open} onOpenChange={setOpen}>
        <Button ref={buttonRef} className="sync-status" data-kind={status.state.kind} aria-label={label}>
          <span className="sync-dot" aria-hidden="true" />
          <span className="sync-status-text">{text}</span>
          {issues > 0 && (
            <span className="sync-issues" aria-hidden="true">
              ⚠ {issues}
            </span>
          )}
        </Button>
        <Popover className="popover sync-popover" placement="bottom end">
          <Dialog className="sync-details-dialog">
            <SyncDetails
              projectGuid={projectGuid}
              link={link}
              status={status}
              onConflict={(id) => {
                setOpen(false);
                setConflict(id);
              }}
              onSignIn={() => {
                setOpen(false);
                setServer(true);
              }}
            />
          </Dialog>
        </Popover>
      </DialogTrigger>
      {/* Spoken when the kind of state or the number of problems changes, not at every count. */}
      <span className="visually-hidden" aria-live="polite">
        {announcedText(t, status)}
      </span>
      {conflict !== null && (
        <Suspense fallback={null}>
          <ConflictDialog
            projectGuid={projectGuid}
            id={conflict}
            onClose={() => {
              setConflict(null);
              backToButton();
            }}
          />
        </Suspense>
      )}
      {server && (
        <Suspense fallback={null}>
          <TeamServerDialog
            isOpen
            onClose={() => {
              setServer(false);
              backToButton();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
