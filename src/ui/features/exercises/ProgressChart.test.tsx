import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Attempt } from '../../../domain/model';
import { testI18n } from '../../i18n/test-i18n';
import { ProgressChart } from './ProgressChart';

/** An attempt on a day of March 2026 that found `found` of 10 reference passages, `extra` extra. */
function attempt(i: number, found: number, extra: number): Attempt {
  const student = found + extra;
  return {
    guid: `attempt-${i}`,
    projectGuid: 'project',
    coderGuid: 'student',
    createdAt: new Date(2026, 2, i + 1, 10).toISOString(),
    documentGuids: ['document'],
    threshold: 0.5,
    overall: { reference: 10, student, found, extra, recall: found / 10, precision: student === 0 ? null : found / student },
    codes: [],
  };
}

function draw(attempts: Attempt[], lang: 'nl' | 'en' = 'en') {
  return render(
    <I18nextProvider i18n={testI18n(lang)}>
      <ProgressChart attempts={attempts} />
    </I18nextProvider>,
  );
}

const texts = (chart: Element) => [...chart.querySelectorAll('text')].map((t) => t.textContent);

describe('the progress chart', () => {
  it('labels its axes: attempts with their dates along x, percentages up y', () => {
    draw([attempt(0, 2, 2), attempt(1, 5, 1), attempt(2, 8, 0)]);
    const chart = screen.getByRole('img', { name: 'Progress over the attempts. Found: 20%, 50%, 80%. Right: 50%, 83%, 100%.' });
    expect(texts(chart)).toEqual(['0%', '25%', '50%', '75%', '100%', 'Found / right (%)', '1', 'Mar 1', '2', 'Mar 2', '3', 'Mar 3', 'Attempt']);
    expect(screen.getByRole('figure')).toHaveTextContent(/^Found and right per attempt/);
  });

  it('scales with its container instead of a fixed size', () => {
    draw([attempt(0, 2, 2), attempt(1, 5, 1)]);
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('viewBox')).toBe('0 0 560 220');
    expect(svg.hasAttribute('width')).toBe(false);
    expect(svg.hasAttribute('height')).toBe(false);
  });

  it('numbers fewer attempts, without dates, when they are many', () => {
    draw(Array.from({ length: 30 }, (_, i) => attempt(i, i % 10, 1)));
    const labels = texts(screen.getByRole('img'));
    expect(labels).not.toContain('Mar 1');
    const numbers = labels.filter((t) => /^\d+$/.test(t ?? ''));
    expect(numbers[0]).toBe('1');
    expect(numbers.at(-1)).toBe('30');
    expect(numbers.length).toBeLessThan(30);
  });

  it('leaves out an undefined figure and says so in the summary, in Dutch', () => {
    draw([attempt(0, 0, 0), attempt(1, 3, 1)], 'nl');
    const chart = screen.getByRole('img', { name: 'Verloop over de pogingen. Gevonden: 0%, 30%. Klopt: —, 75%.' });
    expect(chart.querySelectorAll('.fb-chart-recall circle')).toHaveLength(2);
    expect(chart.querySelectorAll('.fb-chart-precision circle')).toHaveLength(1);
    expect(texts(chart)).toEqual(expect.arrayContaining(['Poging', 'Gevonden / klopt (%)']));
    expect(screen.getByRole('figure')).toHaveTextContent(/^Gevonden en klopt per poging/);
  });

  it('draws nothing for a single attempt (the table shows it)', () => {
    const { container } = draw([attempt(0, 2, 2)]);
    expect(container).toBeEmptyDOMElement();
  });
});
