import { useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Guid } from '../../../domain/model';
import type { MarkeerDb } from '../../../storage/db';
import { teamSync } from '../../../sync/manager';
import { inspectDatabase, parseDatabaseUrl, signIn, type DatabaseAddress } from '../../../sync/server';
import { joinProject } from '../../../sync/team';
import { useNotify } from '../../shell/notify';
import { Field, ProblemView, StepView } from './parts';
import { connectProblem, serverProblem, unexpectedProblem, urlProblem, type Problem } from './problems';
import './sync.css';

/**
 * A coder joins a team project from a link (`#/join?db=…`) or the start screen: sign in -> check
 * the database is there and readable -> copy the project into this browser -> start its engine ->
 * open it. Nothing is added to this browser unless the copy succeeded.
 */
export function JoinTeamDialog({ db, isOpen, initialUrl, onClose, onJoined }: { db: MarkeerDb; isOpen: boolean; initialUrl: string; onClose(): void; onJoined(projectGuid: Guid): void }) {
  const [busy, setBusy] = useState(false);
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={(open) => !open && close()} isDismissable={!busy} isKeyboardDismissDisabled={busy} className="modal-overlay">
      <Modal className="modal sync-modal">
        <Dialog className="dialog sync-dialog">{isOpen && <JoinForm db={db} initialUrl={initialUrl} onBusy={setBusy} onCancel={close} onJoined={onJoined} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function JoinForm({ db, initialUrl, onBusy, onCancel, onJoined }: { db: MarkeerDb; initialUrl: string; onBusy(busy: boolean): void; onCancel(): void; onJoined(projectGuid: Guid): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [url, setUrl] = useState(initialUrl);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  // Null while the coder name follows the user name (the default), a string once typed.
  const [coderName, setCoderName] = useState<string | null>(null);
  const [step, setStep] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const busy = step !== null;
  const shownCoderName = coderName ?? user;

  const steps = async (address: DatabaseAddress): Promise<Problem | Guid> => {
    setStep(t('sync.step.signingIn'));
    const session = await signIn(address, user.trim(), password);
    if (!session.ok) return serverProblem(t, session);
    const name = session.value.name ?? user.trim();
    setStep(t('sync.step.checking'));
    const found = await inspectDatabase(address);
    if (!found.ok) return serverProblem(t, found);
    if (found.value.database === 'missing') return { message: t('sync.failure.join.missing'), serverText: null };
    if (found.value.database === 'no-access') return serverProblem(t, { ok: false, reason: 'not-member' });
    setStep(t('sync.step.copying'));
    const env = await teamSync.pouch();
    const joined = await joinProject(address.url, name, shownCoderName.trim() || name, env, db);
    if (!joined.ok) return connectProblem(t, joined, 'join');
    setStep(t('sync.step.starting'));
    try {
      await teamSync.start(joined.value.projectGuid, joined.value.link);
    } catch (e) {
      // The project is here and connected: it syncs when the app opens next time.
      notify('error', `${t('sync.startFailed')} ${unexpectedProblem(t, e).serverText ?? ''}`.trim());
    }
    return joined.value.projectGuid;
  };

  const join = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    const address = parseDatabaseUrl(url);
    if (!address.ok) {
      setProblem(urlProblem(t, address));
      return;
    }
    onBusy(true);
    let joined: Guid | null = null;
    try {
      const outcome = await steps(address.value);
      if (typeof outcome === 'string') joined = outcome;
      else setProblem(outcome);
    } catch (error) {
      setProblem(unexpectedProblem(t, error));
    } finally {
      setStep(null);
      onBusy(false);
    }
    if (joined) {
      notify('info', t('sync.join.done'));
      onJoined(joined);
    }
  };

  return (
    <form className="sync-form" onSubmit={(e) => void join(e)}>
      <Heading slot="title">{t('sync.join.title')}</Heading>
      <p>{t('sync.join.intro')}</p>
      <p className="hint">{t('sync.join.privacy')}</p>
      <Field
        label={t('sync.field.url')}
        hint={t('sync.field.urlHint')}
        render={(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required disabled={busy} autoComplete="url" spellCheck={false} autoFocus={initialUrl === ''} />}
      />
      <Field
        label={t('sync.field.user')}
        hint={t('sync.join.userHint')}
        render={(p) => <input {...p} value={user} onChange={(e) => setUser(e.target.value)} required disabled={busy} autoComplete="username" spellCheck={false} autoFocus={initialUrl !== ''} />}
      />
      <Field
        label={t('sync.field.password')}
        hint={t('sync.field.passwordHint')}
        render={(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required disabled={busy} autoComplete="current-password" />}
      />
      <Field
        label={t('sync.field.coderName')}
        hint={t('sync.join.coderNameHint')}
        render={(p) => <input {...p} value={shownCoderName} onChange={(e) => setCoderName(e.target.value)} disabled={busy} autoComplete="name" />}
      />
      <StepView text={step} />
      <ProblemView problem={problem} note={t('sync.failure.join.unchanged')} />
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {t('sync.join.submit')}
        </button>
      </div>
    </form>
  );
}
