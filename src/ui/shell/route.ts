import { useEffect, useState } from 'react';

/** Where the user is: the project list, or a project with an optional open document. */
export type Route = { readonly name: 'home' } | { readonly name: 'project'; readonly projectGuid: string; readonly documentGuid: string | null };

export function parseRoute(hash: string): Route {
  const m = /^#\/p\/([0-9a-f-]{36})(?:\/d\/([0-9a-f-]{36}))?/.exec(hash);
  if (!m || !m[1]) return { name: 'home' };
  return { name: 'project', projectGuid: m[1], documentGuid: m[2] ?? null };
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/';
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
