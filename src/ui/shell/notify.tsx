import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Notice {
  readonly id: number;
  /** Information goes away by itself; a warning (something the user should check) and an error stay. */
  readonly kind: 'error' | 'warning' | 'info';
  readonly text: string;
}

interface NotifyValue {
  notify(kind: Notice['kind'], text: string): void;
}

const NotifyContext = createContext<NotifyValue>({ notify: () => undefined });

/** Status messages, announced to screen readers through a live region. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((kind: Notice['kind'], text: string) => {
    const id = Date.now() + Math.random();
    // A new piece of information replaces the previous one; errors and warnings stay until dismissed.
    setNotices((n) => [...n.filter((x) => x.kind !== 'info').slice(-3), ...(kind === 'info' ? [] : n.filter((x) => x.kind === 'info')), { id, kind, text }]);
    if (kind === 'info') setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 4000);
  }, []);
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : undefined}>
            <span>{n.text}</span>
            <button type="button" className="notice-close" onClick={() => setNotices((all) => all.filter((x) => x.id !== n.id))} aria-label={t('common.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NotifyContext.Provider>
  );
}

export function useNotify(): NotifyValue {
  return useContext(NotifyContext);
}
