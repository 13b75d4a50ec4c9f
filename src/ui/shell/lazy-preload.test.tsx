import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { lazyPreload } from './lazy-preload';

const Hello = ({ name }: { name: string }) => <p>Hello {name}</p>;

describe('a screen whose code can be loaded ahead', () => {
  it('shows "loading" while its code loads on first use', async () => {
    const { Component } = lazyPreload(() => Promise.resolve({ default: Hello }));
    render(
      <Suspense fallback={<p>loading</p>}>
        <Component name="Anna" />
      </Suspense>,
    );
    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(await screen.findByText('Hello Anna')).toBeInTheDocument();
  });

  it('renders at once once loaded ahead, and loads its code only once', async () => {
    let loads = 0;
    const { Component, preload } = lazyPreload(() => {
      loads++;
      return Promise.resolve({ default: Hello });
    });
    await preload();
    await preload();
    render(
      <Suspense fallback={<p>loading</p>}>
        <Component name="Bram" />
      </Suspense>,
    );
    expect(screen.getByText('Hello Bram')).toBeInTheDocument();
    expect(loads).toBe(1);
  });

  it('tries again after its code failed to load', async () => {
    let fail = true;
    const { preload, isLoaded } = lazyPreload<{ name: string }>(() => (fail ? Promise.reject(new Error('offline')) : Promise.resolve({ default: Hello })));
    await expect(preload()).rejects.toThrow('offline');
    expect(isLoaded()).toBe(false);
    fail = false;
    await expect(preload()).resolves.toBeUndefined();
    expect(isLoaded()).toBe(true);
  });
});
