import { createGuid, isGuid, normalizeGuid, readGuid } from './ids';

describe('GUIDs', () => {
  it('makes lower-case GUIDs that are all different', () => {
    const made = new Set(Array.from({ length: 100 }, createGuid));
    expect(made.size).toBe(100);
    for (const g of made) expect(isGuid(g)).toBe(true);
  });

  it('accepts the GUIDs other tools write once braces and case are normalised, whatever their version', () => {
    expect(isGuid(normalizeGuid('{34653336-3766-3235-6466-363134396437}'))).toBe(true);
    expect(isGuid(normalizeGuid('6A3A6F2B-1D3C-4E5F-8A9B-0C1D2E3F4A5B'))).toBe(true);
    expect(isGuid('6A3A6F2B-1D3C-4E5F-8A9B-0C1D2E3F4A5B')).toBe(false);
    expect(isGuid('not-a-guid')).toBe(false);
  });

  it('reads a GUID in any form other tools write into its normal form, and nothing else', () => {
    const normal = '6a3a6f2b-1d3c-4e5f-8a9b-0c1d2e3f4a5b';
    expect(readGuid(normal)).toBe(normal);
    for (const written of ['{6A3A6F2B-1D3C-4E5F-8A9B-0C1D2E3F4A5B}', '6A3A6F2B-1D3C-4E5F-8A9B-0C1D2E3F4A5B', ' {6a3a6f2b-1d3c-4e5f-8a9b-0c1d2e3f4a5b} ']) expect(readGuid(written)).toBe(normal);
    for (const bad of ['not-a-guid', '{}', '', '{{6a3a6f2b-1d3c-4e5f-8a9b-0c1d2e3f4a5b}}', '6a3a6f2b1d3c4e5f8a9b0c1d2e3f4a5b', 'g a3a6f2b-1d3c-4e5f-8a9b-0c1d2e3f4a5b']) {
      expect(readGuid(bad)).toBeNull();
      expect(isGuid(normalizeGuid(bad))).toBe(false);
    }
  });
});
