import { describe, expect, it } from 'vitest';
import { isValidSlug } from './slug.js';

describe('isValidSlug', () => {
  it('accepts lower-case words joined by hyphens', () => {
    expect(isValidSlug('chanteloup-les-vignes')).toBe(true);
    expect(isValidSlug('val-de-lys')).toBe(true);
  });
  it('refuses anything else, and the platform paths', () => {
    for (const bad of ['Chanteloup', 'a', '-x', 'x-', 'a--b', 'é-x', 'assets', 'healthz', 'a/b', '']) {
      expect(isValidSlug(bad), bad).toBe(false);
    }
  });
});
