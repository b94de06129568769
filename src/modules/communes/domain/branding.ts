/**
 * A commune chooses its colour; accessibility decides where it may be used (WCAG 2.1, 1.4.3:
 * text contrast ≥ 4.5:1). The formulas are WCAG's relative luminance and contrast ratio.
 */
import { keptAnswers } from '../../../shared/keptAnswers.js';

export const MIN_TEXT_CONTRAST = 4.5;

const WHITE = '#ffffff';
// Pure black: with any lighter ink some mid-tones would reach 4.5:1 with neither ink.
const INK = '#000000';
/** The portal's own accent, used where the commune's colour is too light on white. */
export const DEFAULT_ACCENT = '#1d4e89';

export function parseHexColor(value: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{6})$/i.exec(value.trim());
  if (!match?.[1]) return null;
  const n = Number.parseInt(match[1], 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function relativeLuminance(hex: string): number {
  const rgb = parseHexColor(hex);
  if (!rgb) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export interface Theme {
  /** Band colour of the header and footer, and the text colour that reads on it. */
  band: string;
  onBand: string;
  /** Links, buttons and focus outlines on the white page. */
  accent: string;
  onAccent: string;
}

/**
 * The header band always shows the commune's colour, with white or black text, whichever
 * contrasts more (one of the two always reaches 4.5:1). On the white page the colour is used for
 * links and buttons only if it reaches 4.5:1 against white; otherwise the portal's accent stands in.
 * Worked out once per colour: every page asks for it.
 */
export const themeFor = keptAnswers((brandColor: string): Readonly<Theme> => {
  const brand = parseHexColor(brandColor) ? brandColor.toLowerCase() : DEFAULT_ACCENT;
  const onBand = contrastRatio(brand, WHITE) >= contrastRatio(brand, INK) ? WHITE : INK;
  const accent = contrastRatio(brand, WHITE) >= MIN_TEXT_CONTRAST ? brand : DEFAULT_ACCENT;
  // Every page shares it: frozen, so that none can change another's.
  return Object.freeze({ band: brand, onBand, accent, onAccent: WHITE });
}, 256);
