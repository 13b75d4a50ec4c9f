import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { testI18n } from './i18n/test-i18n';
import { App, preloadProjectScreen } from './App';

const PROJECT = '0a0a0a0a-0000-4000-8000-000000000001';

describe('the app opening a project', () => {
  it('keeps the project screen, and all it holds, when its code arrives after it opened', async () => {
    window.location.hash = '#/';
    render(
      <I18nextProvider i18n={testI18n()}>
        <App />
      </I18nextProvider>,
    );
    // A project opened before the app fetched the project screen's code in idle time: the screen
    // comes through React's lazy loading.
    await act(async () => {
      window.location.hash = `#/p/${PROJECT}`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const shown = await screen.findByRole('heading', { name: 'This project does not exist (any more) in this browser.' });
    // The code fetched in idle time arrives; then a link within the project is followed.
    await act(() => preloadProjectScreen());
    await act(async () => {
      window.location.hash = `#/p/${PROJECT}/a/documents`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    // The same screen, not a new one: everything chosen in it (a chart's settings, a dialog) stays.
    expect(screen.getByRole('heading', { name: 'This project does not exist (any more) in this browser.' })).toBe(shown);
  });
});
