import { useEffect, useState } from 'react';

/** The views of the analysis screen, in tab order. */
export const ANALYSIS_TABS = ['documents', 'matrix', 'charts', 'query', 'search', 'memos', 'themes'] as const;
export type AnalysisTab = (typeof ANALYSIS_TABS)[number];

/**
 * Where the user is: the project list, or a project with an optional open document, or a
 * project's analysis screen on one of its tabs, or joining a team project from the link a lead
 * gave (`#/join?db=<database URL>`, the project list with the join dialog open).
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'project'; readonly projectGuid: string; readonly documentGuid: string | null; readonly analysis?: AnalysisTab | null }
  | { readonly name: 'join'; readonly url: string };

export function parseRoute(hash: string): Route {
  const join = /^#\/join(?:\?(.*))?$/.exec(hash);
  if (join) return { name: 'join', url: new URLSearchParams(join[1] ?? '').get('db') ?? '' };
  const m = /^#\/p\/([0-9a-f-]{36})(?:\/d\/([0-9a-f-]{36})|\/a\/([a-z]+))?/.exec(hash);
  if (!m || !m[1]) return { name: 'home' };
  const tab = ANALYSIS_TABS.find((t) => t === m[3]) ?? (m[3] ? 'documents' : null);
  return { name: 'project', projectGuid: m[1], documentGuid: m[2] ?? null, analysis: tab };
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'join') return `#/join?db=${encodeURIComponent(route.url)}`;
  if (route.analysis) return `#/p/${route.projectGuid}/a/${route.analysis}`;
  return `#/p/${route.projectGuid}${route.documentGuid ? `/d/${route.documentGuid}` : ''}`;
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
