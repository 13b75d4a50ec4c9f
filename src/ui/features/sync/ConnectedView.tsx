import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamLink } from '../../../sync/engine';
import { teamSync } from '../../../sync/manager';
import { inspectDatabase, parseDatabaseUrl, setMembers, signIn, type DatabaseAddress } from '../../../sync/server';
import { disconnectProject } from '../../../sync/team';
import { ConfirmDialog } from '../../shell/ConfirmDialog';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { routeHash } from '../../shell/route';
import { Field, parseNames, ProblemView } from './parts';
import { serverProblem, unexpectedProblem, type Problem } from './problems';
import { fullStateText } from './status-text';
import { useSyncStatus } from './useSyncStatus';

/** The link a lead gives coders: it opens Markeer's join dialog with the database filled in. */
export function joinLink(url: string): string {
  return `${location.origin}${location.pathname}${routeHash({ name: 'join', url })}`;
}

/**
 * A connected project: where it syncs, as whom, how it stands; the link for coders; the lead's
 * member list; signing in again when the session expired; and disconnecting this browser.
 */
export function ConnectedView({ link, onClose }: { link: TeamLink; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { project } = useProject();
  const status = useSyncStatus(project.guid);
  const parsed = useMemo(() => parseDatabaseUrl(link.url), [link.url]);
  const address = parsed.ok ? parsed.value : null;
  const [sessionLost, setSessionLost] = useState(false);
  // Bumped after signing in again, so that the member list is read anew.
  const [signIns, setSignIns] = useState(0);
  const signedOut = status.state.kind === 'signed-out' || sessionLost;
  const loseSession = useCallback(() => setSessionLost(true), []);

  return (
    <div className="sync-connected">
      <dl className="sync-facts">
        <dt>{t('sync.connected.database')}</dt>
        <dd className="sync-url">{link.url}</dd>
        <dt>{t('sync.connected.user')}</dt>
        <dd>{t('sync.connected.userRole', { user: link.user, role: t(`sync.role.${link.role}`) })}</dd>
        <dt>{t('sync.connected.status')}</dt>
        <dd>{fullStateText(t, status.state, i18n.language)}</dd>
      </dl>
      {signedOut && address && (
        <SignInAgain
          address={address}
          user={link.user}
          onSignedIn={() => {
            setSessionLost(false);
            setSignIns((n) => n + 1);
          }}
        />
      )}
      <JoinLink url={link.url} />
      {link.role === 'lead' && address && <Members address={address} reload={signIns} onSessionLost={loseSession} />}
      <Disconnect pending={'pending' in status.state ? status.state.pending : 0} onDone={onClose} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

/** The session expired: the same user signs in again, and replication picks up where it stopped. */
function SignInAgain({ address, user, onSignedIn }: { address: DatabaseAddress; user: string; onSignedIn(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { project } = useProject();
  const headingId = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const session = await signIn(address, user, password);
    setBusy(false);
    if (!session.ok) {
      setProblem(serverProblem(t, session));
      return;
    }
    setPassword('');
    teamSync.engine(project.guid)?.restartReplication();
    notify('info', t('sync.signIn.done', { user }));
    onSignedIn();
  };
  return (
    <section className="sync-section sync-sign-in" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('sync.signIn.title')}</h3>
      <p>{t('sync.signIn.text', { user })}</p>
      <form className="sync-inline-form" onSubmit={(e) => void submit(e)}>
        <Field
          label={t('sync.field.password')}
          render={(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" autoFocus />}
        />
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {t('sync.signIn.submit')}
        </button>
      </form>
      <ProblemView problem={problem} />
    </section>
  );
}

/** The link for coders, and a button that copies it. */
function JoinLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const link = joinLink(url);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('copied');
    } catch {
      // No clipboard (an insecure page, a refused permission): the user copies it by hand.
      setCopied('failed');
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  };
  return (
    <section className="sync-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('sync.link.title')}</h3>
      <p className="hint">{t('sync.link.hint')}</p>
      <div className="sync-link-row">
        <input ref={inputRef} readOnly value={link} aria-label={t('sync.link.label')} onFocus={(e) => e.target.select()} spellCheck={false} />
        <button type="button" onClick={() => void copy()}>
          {t('sync.link.copy')}
        </button>
      </div>
      <p className="hint" role="status">
        {copied && t(copied === 'copied' ? 'sync.link.copied' : 'sync.link.copyFailed')}
      </p>
    </section>
  );
}

type MembersState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded' }
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'failed'; readonly problem: Problem };

/**
 * The lead's team: the database's member names (its leads, the admins, stay members whatever is
 * typed). Saving is possible only after the current list was read: saving an empty box that never
 * showed the members would remove them all.
 */
function Members({ address, reload, onSessionLost }: { address: DatabaseAddress; reload: number; onSessionLost(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [state, setState] = useState<MembersState>({ kind: 'loading' });
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    const found = await inspectDatabase(address);
    if (!found.ok) return setState({ kind: 'failed', problem: serverProblem(t, found) });
    if (found.value.session.name === null) {
      onSessionLost();
      return setState({ kind: 'signed-out' });
    }
    const security = found.value.security;
    if (!security) return setState({ kind: 'failed', problem: { message: t('sync.members.unreadable'), serverText: null } });
    const leads = new Set(security.admins.names);
    setText(security.members.names.filter((n) => !leads.has(n)).join('\n'));
    setState({ kind: 'loaded' });
  }, [address, t, onSessionLost]);

  useEffect(() => {
    void load();
    // `reload` changes after signing in again.
  }, [load, reload]);

  const save = async () => {
    if (saving || state.kind !== 'loaded') return;
    setSaving(true);
    setProblem(null);
    const saved = await setMembers(address, parseNames(text));
    setSaving(false);
    if (saved.ok) {
      notify('info', t('sync.members.saved'));
      return;
    }
    if (saved.reason === 'not-signed-in') {
      onSessionLost();
      setState({ kind: 'signed-out' });
    }
    setProblem(serverProblem(t, saved));
  };

  // The heading does not name the section: "Team members" names the field alone.
  return (
    <section className="sync-section">
      <h3>{t('sync.members.title')}</h3>
      {state.kind === 'loading' && <p className="hint">{t('sync.members.loading')}</p>}
      {state.kind === 'signed-out' && <p className="hint">{t('sync.members.signInFirst')}</p>}
      {state.kind === 'failed' && <ProblemView problem={state.problem} />}
      {state.kind === 'loaded' && (
        <>
          <Field
            label={t('sync.field.members')}
            hideLabel
            hint={t('sync.members.hint')}
            render={(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} rows={4} spellCheck={false} />}
          />
          <div className="sync-row-actions">
            <button type="button" onClick={() => void save()} aria-disabled={saving || undefined}>
              {t('sync.members.save')}
            </button>
          </div>
          <ProblemView problem={problem} />
        </>
      )}
    </section>
  );
}

/** Disconnects this browser, after a confirmation: the project stays here, the server is untouched. */
function Disconnect({ pending, onDone }: { pending: number; onDone(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const [confirming, setConfirming] = useState(false);
  const disconnect = async () => {
    setConfirming(false);
    try {
      await teamSync.stop(project.guid);
      const env = await teamSync.pouch().catch(() => null);
      await disconnectProject(project.guid, env, db);
      notify('info', t('sync.disconnect.done'));
      onDone();
    } catch (e) {
      notify('error', unexpectedProblem(t, e).message);
    }
  };
  return (
    <section className="sync-section">
      <button type="button" className="danger-text" onClick={() => setConfirming(true)}>
        {t('sync.disconnect.open')}
      </button>
      <ConfirmDialog isOpen={confirming} title={t('sync.disconnect.title')} confirmLabel={t('sync.disconnect.confirm')} danger onCancel={() => setConfirming(false)} onConfirm={() => void disconnect()}>
        <p>{t('sync.disconnect.text')}</p>
        {pending > 0 && <p>{t('sync.disconnect.pending', { count: pending })}</p>}
      </ConfirmDialog>
    </section>
  );
}
