import { describe, expect, it } from 'vitest';
import { formatFileSize, telHref } from './format.js';

describe('formats', () => {
  it('writes sizes as French readers expect', () => {
    expect(formatFileSize(900)).toBe('900 octets');
    expect(formatFileSize(9149)).toBe('9 Ko');
    expect(formatFileSize(1_468_006)).toBe('1,4 Mo');
  });
  it('turns a French phone number into an international tel: link', () => {
    expect(telHref('01 39 74 29 12')).toBe('tel:+33139742912');
    expect(telHref('+33 1 39 74 29 12')).toBe('tel:+33139742912');
  });
});
