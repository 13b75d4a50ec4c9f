import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { teamSync } from '../../../sync/manager';
import { parseDatabaseUrl, prepareDatabase, signIn, type DatabaseAddress } from '../../../sync/server';
import { connectProject, disconnectProject } from '../../../sync/team';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { Field, parseNames, ProblemView, StepView } from './parts';
import { connectProblem, serverProblem, unexpectedProblem, urlProblem, type Problem } from './problems';

/**
 * The lead connects the open project to a team database: parse the URL -> sign in -> prepare the
 * database (create it, name the lead and members, install the rules) -> connect the project (one
 * transaction) -> start its engine. Each step stops at its failure with what was wrong and what to
 * do; the project changes only in the connect step, all at once, and is undone when its engine
 * cannot start. The password lives in this form's state while it is open, and nowhere else.
 */
export function ConnectForm({ onBusy, onCancel }: { onBusy(busy: boolean): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [members, setMembers] = useState('');
  const [step, setStep] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const busy = step !== null;

  const steps = async (address: DatabaseAddress): Promise<Problem | null> => {
    setStep(t('sync.step.signingIn'));
    const session = await signIn(address, user.trim(), password);
    if (!session.ok) return serverProblem(t, session);
    const lead = session.value.name ?? user.trim();
    setStep(t('sync.step.preparing'));
    const prepared = await prepareDatabase(address, { lead, members: parseNames(members) });
    if (!prepared.ok) return serverProblem(t, prepared);
    setStep(t('sync.step.connecting'));
    const env = await teamSync.pouch();
    const connected = await connectProject(project.guid, address.url, lead, env, db);
    if (!connected.ok) return connectProblem(t, connected, 'connect');
    setStep(t('sync.step.starting'));
    try {
      await teamSync.start(project.guid, connected.value);
    } catch (e) {
      // Not half connected: the project goes back to how it was.
      await teamSync.stop(project.guid).catch(() => undefined);
      await disconnectProject(project.guid, env, db).catch(() => undefined);
      return unexpectedProblem(t, e);
    }
    return null;
  };

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    const address = parseDatabaseUrl(url);
    if (!address.ok) {
      setProblem(urlProblem(t, address));
      return;
    }
    onBusy(true);
    try {
      const failed = await steps(address.value);
      setProblem(failed);
      if (!failed) notify('info', t('sync.connect.done'));
    } catch (error) {
      setProblem(unexpectedProblem(t, error));
    } finally {
      setStep(null);
      onBusy(false);
    }
  };

  return (
    <form className="sync-form" onSubmit={(e) => void connect(e)}>
      <p>{t('sync.connect.intro')}</p>
      <p className="hint">{t('sync.connect.privacy')}</p>
      <Field
        label={t('sync.field.url')}
        hint={t('sync.field.urlHint')}
        render={(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required disabled={busy} autoComplete="url" spellCheck={false} autoFocus />}
      />
      <Field
        label={t('sync.field.user')}
        hint={t('sync.connect.userHint')}
        render={(p) => <input {...p} value={user} onChange={(e) => setUser(e.target.value)} required disabled={busy} autoComplete="username" spellCheck={false} />}
      />
      <Field
        label={t('sync.field.password')}
        hint={t('sync.field.passwordHint')}
        render={(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required disabled={busy} autoComplete="current-password" />}
      />
      <Field
        label={t('sync.field.members')}
        hint={t('sync.field.membersHint')}
        render={(p) => <textarea {...p} value={members} onChange={(e) => setMembers(e.target.value)} rows={3} disabled={busy} spellCheck={false} />}
      />
      <StepView text={step} />
      <ProblemView problem={problem} note={t('sync.connect.unchanged')} />
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        {/* aria-disabled rather than disabled: a disabled button would drop the keyboard focus. */}
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {t('sync.connect.submit')}
        </button>
      </div>
    </form>
  );
}
