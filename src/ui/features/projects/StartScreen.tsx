import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createProject, deleteProject, renameProject } from '../../../commands/projects';
import { DEFAULT_TEMPLATE, TEMPLATES } from '../../../domain/templates';
import type { Project } from '../../../domain/model';
import type { MarkeerDb } from '../../../storage/db';
import { listProjects } from '../../../storage/queries';
import { currentLang } from '../../i18n';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { navigate } from '../../shell/route';
import { ImportBundleButton } from '../bundles/ImportBundleButton';

// Joining a team project loads the sync code, on first use only.
const JoinTeamDialog = lazy(() => import('../sync/JoinTeamDialog').then((m) => ({ default: m.JoinTeamDialog })));

const CODER_NAME_KEY = 'markeer.coderName';

function rememberedCoderName(): string {
  try {
    return localStorage.getItem(CODER_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The project list; `joinUrl` (from a lead's link, `#/join?db=…`) opens the join dialog with it. */
export function StartScreen({ db, joinUrl = null }: { db: MarkeerDb; joinUrl?: string | null }) {
  const { t } = useTranslation();
  const projects = useLiveQuery(() => listProjects(db), [db]);
  const hasDemo = projects?.some((p) => p.demo) ?? false;
  const [joining, setJoining] = useState(false);
  const joinOpen = joining || joinUrl !== null;
  const closeJoin = () => {
    setJoining(false);
    if (joinUrl !== null) navigate({ name: 'home' });
  };

  return (
    <main className="start" id="main">
      <h1>{t('start.title')}</h1>
      <p className="lead">{t('start.lead')}</p>
      {projects && !hasDemo && <DemoOffer db={db} firstRun={projects.length === 0} />}
      <div className="start-columns">
        <section aria-labelledby="projects-heading" className="card">
          <h2 id="projects-heading">{t('start.projects')}</h2>
          {projects === undefined ? (
            <p>{t('common.loading')}</p>
          ) : projects.length === 0 ? (
            <p className="muted">{t('start.noProjects')}</p>
          ) : (
            <ul className="project-list">
              {projects.map((p) => (
                <ProjectRow key={p.guid} db={db} project={p} />
              ))}
            </ul>
          )}
          <ImportBundleButton db={db} coderName={rememberedCoderName()} />
          <button type="button" className="start-join" onClick={() => setJoining(true)}>
            {t('sync.join.open')}
          </button>
        </section>
        <NewProjectForm db={db} />
      </div>
      {joinOpen && (
        <Suspense fallback={null}>
          <JoinTeamDialog
            db={db}
            isOpen
            initialUrl={joinUrl ?? ''}
            onClose={closeJoin}
            onJoined={(projectGuid) => {
              setJoining(false);
              navigate({ name: 'project', projectGuid, documentGuid: null });
            }}
          />
        </Suspense>
      )}
    </main>
  );
}

function DemoOffer({ db, firstRun }: { db: MarkeerDb; firstRun: boolean }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    const lang = currentLang();
    const [{ createDemoProject }, { demoFiles }] = await Promise.all([import('../../../commands/demo'), import('./demo-files')]);
    const result = await createDemoProject({ projectName: t('demo.projectName'), coderName: t('demo.coderName'), lang, files: demoFiles(lang) }, db);
    setBusy(false);
    if (!result.ok) notify('error', failureText(t, result));
    else navigate({ name: 'project', projectGuid: result.value, documentGuid: null });
  };
  return (
    <section className={`card demo-offer${firstRun ? ' first-run' : ''}`} aria-labelledby="demo-heading">
      <h2 id="demo-heading">{t('demo.title')}</h2>
      <p>{t('demo.text')}</p>
      <button type="button" className="primary" onClick={open} disabled={busy}>
        {busy ? t('common.loading') : t('demo.open')}
      </button>
    </section>
  );
}

function ProjectRow({ db, project }: { db: MarkeerDb; project: Project }) {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(project.name);
  const [confirming, setConfirming] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await renameProject(project.guid, name, db);
    if (!r.ok) notify('error', failureText(t, r));
    else setRenaming(false);
  };
  return (
    <li className="project-row">
      {renaming ? (
        <form onSubmit={save} className="inline-form">
          <input aria-label={t('start.projectName')} value={name} onChange={(e) => setName(e.target.value)} autoFocus onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)} />
          <button type="submit">{t('common.save')}</button>
          <button type="button" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <>
          <a href={`#/p/${project.guid}`} className="project-link">
            <strong>{project.name}</strong>
            <span className="muted">
              {t('start.updated', { date: new Date(project.updatedAt).toLocaleString(i18n.language) })}
            </span>
          </a>
          <button type="button" onClick={() => setRenaming(true)} aria-label={t('start.renameProject', { name: project.name })}>
            {t('common.rename')}
          </button>
          <button type="button" className="danger-text" onClick={() => setConfirming(true)} aria-label={t('start.deleteProject', { name: project.name })}>
            {t('common.delete')}
          </button>
        </>
      )}
      <ConfirmDialog
        isOpen={confirming}
        title={t('start.deleteTitle', { name: project.name })}
        confirmLabel={t('common.delete')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setConfirming(false);
          const r = await deleteProject(project.guid, db);
          if (!r.ok) notify('error', failureText(t, r));
          else notify('info', t('start.deleted', { name: project.name }));
        }}
      >
        <p>{t('start.deleteText')}</p>
      </ConfirmDialog>
    </li>
  );
}

function NewProjectForm({ db }: { db: MarkeerDb }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const id = useId();
  const [name, setName] = useState('');
  const [coderName, setCoderName] = useState(rememberedCoderName);
  const [template, setTemplate] = useState<string>(DEFAULT_TEMPLATE);
  const lang = currentLang();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await createProject({ name, coderName, template: template || null, lang, db });
    if (!r.ok) {
      notify('error', failureText(t, r));
      return;
    }
    try {
      localStorage.setItem(CODER_NAME_KEY, coderName.trim());
    } catch {
      // Only a convenience for the next project.
    }
    navigate({ name: 'project', projectGuid: r.value.projectGuid, documentGuid: null });
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('start.newProject')}</h2>
      <form onSubmit={submit} className="stack">
        <label>
          {t('start.projectName')}
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          {t('start.coderName')}
          <input value={coderName} onChange={(e) => setCoderName(e.target.value)} required autoComplete="name" />
          <span className="hint">{t('start.coderHint')}</span>
        </label>
        <label>
          {t('start.codebook')}
          <select value={template} onChange={(e) => setTemplate(e.target.value)}>
            {TEMPLATES.map((tpl) => (
              <option key={tpl.slug} value={tpl.slug}>
                {tpl.title[lang]}
                {tpl.slug === DEFAULT_TEMPLATE ? ` (${t('start.default')})` : ''}
              </option>
            ))}
            <option value="">{t('start.emptyCodebook')}</option>
          </select>
        </label>
        <button type="submit" className="primary">
          {t('start.create')}
        </button>
      </form>
    </section>
  );
}
