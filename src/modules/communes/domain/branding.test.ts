import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCENT, MIN_TEXT_CONTRAST, contrastRatio, themeFor } from './branding.js';

describe('contrastRatio', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('themeFor', () => {
  it('keeps a dark commune colour for links and buttons', () => {
    const theme = themeFor('#00558C');
    expect(theme.accent).toBe('#00558c');
    expect(theme.onBand).toBe('#ffffff');
  });

  it('replaces a light colour on white, and writes dark text on its band', () => {
    const theme = themeFor('#f5c400');
    expect(theme.accent).toBe(DEFAULT_ACCENT);
    expect(theme.band).toBe('#f5c400');
    expect(theme.onBand).toBe('#000000');
  });

  it('uses the colour on white exactly from 4.5:1', () => {
    expect(themeFor('#767676').accent).toBe('#767676');
    expect(themeFor('#777777').accent).toBe(DEFAULT_ACCENT);
  });

  it('always gives readable text on the band, whatever the colour', () => {
    for (let i = 0; i < 4096; i++) {
      const hex = `#${(i * 4099).toString(16).padStart(6, '0').slice(-6)}`;
      const theme = themeFor(hex);
      expect(contrastRatio(theme.band, theme.onBand)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(theme.accent, '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('falls back to the portal accent for a malformed colour', () => {
    expect(themeFor('red').band).toBe(DEFAULT_ACCENT);
  });
});
