import type { TFunction } from 'i18next';
import { assertNever } from '../../../domain/assert';
import type { SyncState, SyncStatus } from '../../../sync/engine';

/** A moment as the header shows it: the time today, the date and time on another day. */
export function shortMoment(iso: string, lang: string, today: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay = at.toDateString() === today.toDateString();
  return sameDay
    ? at.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The few words in the project's header ("Gesynchroniseerd", "Offline sinds 10:42 · 5 wachten"). */
export function shortStateText(t: TFunction, state: SyncState, lang: string): string {
  switch (state.kind) {
    case 'starting':
      return t('sync.state.short.starting');
    case 'synced':
      return t('sync.state.short.synced');
    case 'syncing':
      return state.pending > 0 ? t('sync.state.short.syncingCount', { count: state.pending }) : t('sync.state.short.syncing');
    case 'offline': {
      const time = shortMoment(state.since, lang);
      return state.pending > 0 ? t('sync.state.short.offlineWaiting', { time, count: state.pending }) : t('sync.state.short.offline', { time });
    }
    case 'signed-out':
      return t('sync.state.short.signedOut');
    case 'refused':
      return t('sync.state.short.refused');
    default:
      return assertNever(state);
  }
}

/** The state in full, with what it means for the user's work (the details and the dialog). */
export function fullStateText(t: TFunction, state: SyncState, lang: string): string {
  switch (state.kind) {
    case 'starting':
      return t('sync.state.full.starting');
    case 'synced':
      return t('sync.state.full.synced', { time: shortMoment(state.at, lang) });
    case 'syncing':
      return state.pending > 0 ? t('sync.state.full.syncingCount', { count: state.pending }) : t('sync.state.full.syncing');
    case 'offline': {
      const time = shortMoment(state.since, lang);
      return state.pending > 0 ? t('sync.state.full.offlineWaiting', { time, count: state.pending }) : t('sync.state.full.offline', { time });
    }
    case 'signed-out':
      return t('sync.state.full.signedOut');
    case 'refused':
      return t('sync.state.full.refused', { status: state.status, reason: state.reason || '—' });
    default:
      return assertNever(state);
  }
}

/**
 * What a screen reader hears when it changes: the kind of state and the number of problems, not
 * every count of changes under way (that would speak at each keystroke).
 */
export function announcedText(t: TFunction, status: SyncStatus): string {
  const parts = [t(`sync.state.announce.${status.state.kind}`)];
  if (status.refused.length > 0) parts.push(t('sync.issues.refused', { count: status.refused.length }));
  if (status.conflicts.length > 0) parts.push(t('sync.issues.conflicts', { count: status.conflicts.length }));
  return parts.join(', ');
}
