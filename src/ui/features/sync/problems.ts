import type { TFunction } from 'i18next';
import type { ServerFailure } from '../../../sync/server';
import type { ConnectFailure } from '../../../sync/team';
import { failureText } from '../../shell/errors';

/**
 * What went wrong when connecting, joining or signing in, as the dialogs show it: what was wrong
 * and what to do (`message`), and, apart from it, what the server itself said (`serverText`).
 */
export interface Problem {
  readonly message: string;
  readonly serverText: string | null;
}

/** Why a typed database URL is refused (`parseDatabaseUrl`'s detail), each with its own advice. */
const URL_PROBLEMS = new Map<string, string>([
  ['not-a-url', 'sync.failure.url.notAUrl'],
  ['not-http', 'sync.failure.url.notHttp'],
  ['has-credentials', 'sync.failure.url.hasCredentials'],
  ['has-query', 'sync.failure.url.hasQuery'],
  ['no-database', 'sync.failure.url.noDatabase'],
  ['bad-name', 'sync.failure.url.badName'],
]);

export function urlProblem(t: TFunction, failure: { detail?: string }): Problem {
  return { message: t(URL_PROBLEMS.get(failure.detail ?? '') ?? 'sync.failure.url.notAUrl'), serverText: null };
}

/** This app's address, as the server's CORS settings must name it. */
export function appOrigin(): string {
  return typeof location === 'undefined' ? '' : location.origin;
}

/** A request to the team server that failed (src/sync/server.ts). */
export function serverProblem(t: TFunction, failure: ServerFailure): Problem {
  const message = t(`sync.failure.server.${failure.reason}`, { origin: appOrigin(), status: failure.status ?? '' });
  let serverText: string | null = null;
  if (failure.reason === 'unreachable') serverText = failure.detail ? t('sync.failure.browserSaid', { detail: failure.detail }) : null;
  else if (failure.detail) serverText = failure.status ? t('sync.failure.serverSaidStatus', { detail: failure.detail, status: failure.status }) : t('sync.failure.serverSaid', { detail: failure.detail });
  else if (failure.status) serverText = t('sync.failure.serverStatus', { status: failure.status });
  return { message, serverText };
}

/** Connecting (the lead) or joining (a coder) failed in this browser (src/sync/team.ts). */
export function connectProblem(t: TFunction, failure: { reason: ConnectFailure; detail?: string }, action: 'connect' | 'join'): Problem {
  switch (failure.reason) {
    case 'other-project':
      return { message: t('sync.failure.connect.otherProject'), serverText: null };
    case 'empty-database':
      return { message: t('sync.failure.connect.emptyDatabase'), serverText: null };
    case 'already-here':
      return { message: t(action === 'connect' ? 'sync.failure.connect.alreadyOnServer' : 'sync.failure.connect.alreadyHere'), serverText: null };
    case 'not-signed-in':
    case 'not-member':
      return { message: t(`sync.failure.server.${failure.reason}`, { origin: appOrigin(), status: '' }), serverText: failure.detail ? t('sync.failure.serverSaid', { detail: failure.detail }) : null };
    case 'storage-failed':
      // Joining fails here also when the copy from the server breaks off (the connection, a refusal).
      if (action === 'join') return { message: t('sync.failure.connect.copyFailed'), serverText: failure.detail ? t('sync.failure.browserSaid', { detail: failure.detail }) : null };
      return { message: failureText(t, failure), serverText: null };
    default:
      return { message: failureText(t, failure), serverText: null };
  }
}

/** Something that should not fail did (PouchDB could not be loaded, the engine did not start). */
export function unexpectedProblem(t: TFunction, error: unknown): Problem {
  return { message: t('sync.failure.unexpected'), serverText: t('sync.failure.browserSaid', { detail: error instanceof Error ? error.message : String(error) }) };
}
