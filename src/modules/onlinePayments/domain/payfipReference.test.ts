import { describe, expect, it } from 'vitest';
import { isNumcli, objetOf, refdetOf } from './payfipReference.js';

describe('PayFiP references', () => {
  it('keeps letters and digits of the invoice number, 30 at most', () => {
    expect(refdetOf('2026-000123')).toBe('2026000123');
    expect(refdetOf('A'.repeat(40))).toHaveLength(30);
  });

  it('writes the object in ASCII letters, digits and spaces', () => {
    expect(objetOf('Facture 2026-000123 — Périscolaire, Chanteloup-lès-Vignes')).toBe(
      'Facture 2026 000123 Periscolaire Chanteloup les Vignes',
    );
    expect(objetOf('é'.repeat(150))).toBe('e'.repeat(100));
  });

  it('takes six digits as a numcli', () => {
    expect(isNumcli('123456')).toBe(true);
    expect(isNumcli('12345')).toBe(false);
    expect(isNumcli('12345a')).toBe(false);
  });
});
