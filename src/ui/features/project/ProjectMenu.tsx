import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type { AgreementDialog as AgreementDialogType } from '../agreement/AgreementDialog';
import { lazyPreload } from '../../shell/lazy-preload';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { hiddenCoderGuid } from '../../../domain/exercise';
import { useProject } from '../../shell/project-context';
import type { JumpTarget } from '../agreement/AgreementDialog';
import { ExportDialog } from '../bundles/ExportMenu';
import { MergeDialog } from '../team/MergeDialog';

// The agreement and results dialogs (tables, statistics) load on first use, not with the coding screen.
const { Component: AgreementDialog, preload: preloadAgreementDialog } = lazyPreload<ComponentProps<typeof AgreementDialogType>>(() => import('../agreement/AgreementDialog').then((m) => ({ default: m.AgreementDialog })));
// Its first report computed ahead, once the project is in memory, with code loaded ahead (never
// fetched for it alone: offline, that would only log a failed request).
const { Component: AgreementAhead, preload: preloadAgreementAhead, isLoaded: aheadLoaded } = lazyPreload<Record<string, never>>(() => import('../agreement/AgreementAhead').then((m) => ({ default: m.AgreementAhead })));
export { preloadAgreementAhead, preloadAgreementDialog };
const ResultsDialog = lazy(() => import('../exercises/ResultsDialog').then((m) => ({ default: m.ResultsDialog })));
const TeamServerDialog = lazy(() => import('../sync/TeamServerDialog').then((m) => ({ default: m.TeamServerDialog })));

type Action = 'export' | 'merge' | 'team' | 'agreement' | 'results';

/**
 * "Project" in the header: the project's actions in one menu (export, merging coders' work, the
 * team server, agreement, an exercise's results), so that the header stays one row at 1024 px. Each item opens
 * its dialog; closing the dialog gives the focus back to the menu's button.
 */
export function ProjectMenu({ onJump, inMemory = false }: { onJump(target: JumpTarget): void; /** The project is read into memory (storage/project-snapshot.ts). */ inMemory?: boolean }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const [open, setOpen] = useState<Action | null>(null);
  // A student compares with the reference through feedback, never through agreement or results.
  const student = hiddenCoderGuid(project) !== null;
  const attempts = useLiveQuery(() => (student ? 0 : db.attempts.where('projectGuid').equals(project.guid).count()), [db, project.guid, student]);
  const items: { id: Action; label: string }[] = [
    { id: 'export', label: t('bundles.export') },
    { id: 'merge', label: t('team.merge.open') },
    // A student's exercise never goes to a team server: its reference coding is hidden from them.
    ...(student ? [] : [{ id: 'team' as const, label: t('sync.menu') }]),
    ...(student ? [] : [{ id: 'agreement' as const, label: t('agreement.open') }]),
    ...(attempts ? [{ id: 'results' as const, label: t('exercises.results.open') }] : []),
  ];
  const close = () => setOpen(null);
  return (
    <>
      <MenuTrigger>
        <Button className="project-menu-button">
          {t('project.menu')} <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="project-menu-popover" placement="bottom end">
          <Menu className="project-menu" items={items} onAction={(key) => setOpen(key as Action)}>
            {(item) => (
              <MenuItem id={item.id} className="project-menu-item">
                {item.label}
              </MenuItem>
            )}
          </Menu>
        </Popover>
      </MenuTrigger>
      <ExportDialog isOpen={open === 'export'} onClose={close} />
      <MergeDialog isOpen={open === 'merge'} onClose={close} />
      {open === 'team' && (
        <Suspense fallback={null}>
          <TeamServerDialog isOpen onClose={close} />
        </Suspense>
      )}
      {open === 'agreement' ? (
        <Suspense fallback={null}>
          <AgreementDialog isOpen onClose={close} onJump={onJump} />
        </Suspense>
      ) : (
        !student &&
        inMemory &&
        aheadLoaded() && (
          <Suspense fallback={null}>
            <AgreementAhead />
          </Suspense>
        )
      )}
      {open === 'results' && (
        <Suspense fallback={null}>
          <ResultsDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
