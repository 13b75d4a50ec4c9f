import { figureFormat } from './format';

describe('figureFormat', () => {
  it('never shows a negative zero, and keeps real negative values', () => {
    expect(figureFormat('nl', 3).format(-0.0001)).toBe('0');
    expect(figureFormat('en', 2, 2).format(-0.001)).toBe('0.00');
    expect(figureFormat('nl', 3).format(-0.25)).toBe('-0,25');
    expect(figureFormat('en', 1).format(99.74)).toBe('99.7');
  });
});
