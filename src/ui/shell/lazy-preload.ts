import { createElement, lazy, type ComponentType } from 'react';

/**
 * A screen's code as its own chunk, like React's `lazy`, that can also be loaded ahead of time
 * (when the browser is idle): once loaded, the component renders at once, without the moment of
 * "loading" a lazy component shows on its first render even when its chunk is already there.
 */
export function lazyPreload<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): { Component: ComponentType<P>; preload(): Promise<void>; isLoaded(): boolean } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const get = (): Promise<{ default: ComponentType<P> }> =>
    (loading ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (e: unknown) => {
        // A chunk that failed to load (the app was updated meanwhile, say) is tried again next time.
        loading = null;
        throw e;
      },
    ));
  const Lazy = lazy(get);
  function Component(props: P) {
    return createElement(loaded ?? Lazy, props);
  }
  return { Component, preload: () => get().then(() => undefined), isLoaded: () => loaded !== null };
}

/**
 * Whether code can be fetched ahead: not without a network (the offline copy has it all, but a
 * browser that has not installed it yet would only log failed requests; a click loads it later).
 */
export const canFetchAhead = (): boolean => typeof navigator === 'undefined' || navigator.onLine !== false;
