import { describe, expect, it } from 'vitest';
import {
  type AttestationInvoice,
  type AttestationLine,
  type AttestationPayment,
  attestationYears,
  careCentsOfLine,
  fiscalAttestation,
  isUnderSixOnFirstJanuary,
  netCareCentsOfLine,
  spreadByLargestRemainder,
} from './fiscalAttestation.js';

/** Léo, 5 on 1 January 2026 (6 on 14 May 2026), and his sister Inès, 8. */
const leo = { memberId: 'leo', birthDate: '2020-05-14' };
const ines = 'ines';

/** A day of a service for a child, as the invoice froze it: 1 unit, no meal part, no majoration. */
function day(overrides: Partial<AttestationLine> = {}): AttestationLine {
  const base: AttestationLine = {
    memberId: 'leo',
    serviceKind: 'soir',
    kind: 'jour',
    quantity: 1,
    unitPriceCents: 245,
    mealCents: null,
    majorationCents: 0,
    amountCents: 0,
    creditedCents: 0,
  };
  const line = { ...base, ...overrides };
  return { ...line, amountCents: overrides.amountCents ?? line.quantity * line.unitPriceCents + line.majorationCents };
}

function paid(
  receivedOn: string,
  allocations: [string, number][],
  extra: Partial<AttestationPayment> = {},
): AttestationPayment {
  return {
    receivedOn,
    cancelled: false,
    means: 'cheque',
    allocations: allocations.map(([invoiceId, amountCents]) => ({ invoiceId, amountCents })),
    ...extra,
  };
}

const attest = (year: number, invoices: AttestationInvoice[], payments: AttestationPayment[], child = leo) =>
  fiscalAttestation({ year, child, invoices, payments });

describe('who is eligible: under 6 on 1 January of the year', () => {
  it('counts a child turning 6 during the year, and not a child already 6 on 1 January', () => {
    expect(isUnderSixOnFirstJanuary('2020-05-14', 2026)).toBe(true);
    expect(isUnderSixOnFirstJanuary('2020-01-02', 2026)).toBe(true);
    expect(isUnderSixOnFirstJanuary('2020-01-01', 2026)).toBe(false);
    expect(isUnderSixOnFirstJanuary('2018-05-14', 2026)).toBe(false);
    // Born during the year: under 6 on 1 January, not yet born.
    expect(isUnderSixOnFirstJanuary('2026-03-01', 2026)).toBe(true);
    expect(isUnderSixOnFirstJanuary('2027-01-01', 2026)).toBe(false);
  });

  it('gives the amount of a child turning 6 in the year: 10 evenings at 2,45 €, paid 24,50 € in April', () => {
    const march: AttestationInvoice = { id: 'mar', lines: Array.from({ length: 10 }, () => day()) };
    expect(attest(2026, [march], [paid('2026-04-10', [['mar', 2450]])])).toEqual({
      eligible: true,
      paidCents: 2450,
      cesuCents: 0,
    });
  });

  it('refuses a child 6 on 1 January, whatever was paid', () => {
    const march: AttestationInvoice = { id: 'mar', lines: [day({ memberId: 'six' })] };
    const six = { memberId: 'six', birthDate: '2020-01-01' };
    expect(attest(2026, [march], [paid('2026-04-10', [['mar', 245]])], six)).toEqual({
      eligible: false,
      reason: 'not-under-six',
    });
  });
});

describe('what was paid that year', () => {
  it('counts an invoice of December 2025 paid in January 2026 in 2026, not in 2025', () => {
    const december: AttestationInvoice = { id: 'dec', lines: [day(), day(), day()] };
    const payments = [paid('2026-01-15', [['dec', 735]])];
    expect(attest(2026, [december], payments)).toMatchObject({ paidCents: 735 });
    expect(attest(2025, [december], payments)).toMatchObject({ paidCents: 0 });
  });

  it('spreads a payment split over two invoices on each one’s lines', () => {
    // A: 30,00 € of Léo's evenings. B: 30,00 € of Léo's and 10,00 € of Inès's evenings.
    const a: AttestationInvoice = { id: 'a', lines: [day({ quantity: 12, unitPriceCents: 250 })] };
    const b: AttestationInvoice = {
      id: 'b',
      lines: [day({ quantity: 12, unitPriceCents: 250 }), day({ memberId: ines, quantity: 4, unitPriceCents: 250 })],
    };
    // 50,00 €: 30,00 € pays A whole (all Léo's), 20,00 € pays half of B: 20 × 30 / 40 = 15,00 € of Léo's care.
    expect(
      attest(
        2026,
        [a, b],
        [
          paid('2026-03-02', [
            ['a', 3000],
            ['b', 2000],
          ]),
        ],
      ),
    ).toMatchObject({
      paidCents: 4500,
    });
  });

  it('counts only the « encadrement » of a lunch split into « repas » and « encadrement »', () => {
    // 4 lunches at 4,20 € of which 2,60 € is the meal: 4 × 1,60 € = 6,40 € of supervision.
    const lunch = day({ serviceKind: 'restauration', quantity: 4, unitPriceCents: 420, mealCents: 260 });
    expect(careCentsOfLine(lunch)).toBe(640);
    expect(attest(2026, [{ id: 'l', lines: [lunch] }], [paid('2026-02-01', [['l', 1680]])])).toMatchObject({
      paidCents: 640,
    });
    // A lunch whose line does not separate them counts nothing: its supervision cannot be told apart.
    const whole = day({ serviceKind: 'restauration', quantity: 4, unitPriceCents: 420 });
    expect(careCentsOfLine(whole)).toBe(0);
    // A Wednesday day with its meal: the meal part is left out there too.
    expect(careCentsOfLine(day({ serviceKind: 'mercredi', unitPriceCents: 1500, mealCents: 300 }))).toBe(1200);
  });

  it('leaves out a majoration and a late cancellation, and rounds a partial payment by largest remainder', () => {
    // 9 evenings at 2,45 € (22,05 €), one booked late: 2,45 € + 1,23 € of majoration (3,68 €). Total 25,73 €.
    const invoice: AttestationInvoice = { id: 'i', lines: [day({ quantity: 9 }), day({ majorationCents: 123 })] };
    expect(attest(2026, [invoice], [paid('2026-05-01', [['i', 2573]])])).toMatchObject({ paidCents: 2450 });
    // 10,00 € of it: care 1000 × 2450 / 2573 = 952,19…, the rest 47,80…: 952 + 47 = 999, the last cent
    // goes to the larger remainder (the rest), so the care is 9,52 €.
    expect(attest(2026, [invoice], [paid('2026-05-01', [['i', 1000]])])).toMatchObject({ paidCents: 952 });
    const lateCancel = day({ kind: 'annulation-tardive' });
    expect(careCentsOfLine(lateCancel)).toBe(0);
    const withCancel: AttestationInvoice = { id: 'c', lines: [day(), lateCancel] };
    expect(attest(2026, [withCancel], [paid('2026-05-01', [['c', 490]])])).toMatchObject({ paidCents: 245 });
  });

  it('leaves out a cancelled payment', () => {
    const invoice: AttestationInvoice = { id: 'i', lines: [day({ quantity: 4 })] };
    const payments = [paid('2026-05-01', [['i', 980]], { cancelled: true }), paid('2026-05-03', [['i', 490]])];
    expect(attest(2026, [invoice], payments)).toMatchObject({ paidCents: 490 });
  });

  it('counts what a credit note leaves: the credited days are not care paid', () => {
    // 10 evenings at 2,45 €, two of them credited back: 19,60 € to pay, all of it care.
    const lines = [...Array.from({ length: 8 }, () => day()), day({ creditedCents: 245 }), day({ creditedCents: 245 })];
    expect(attest(2026, [{ id: 'i', lines }], [paid('2026-06-01', [['i', 1960]])])).toMatchObject({
      paidCents: 1960,
    });
    // A lunch of 4,20 € (1,60 € of supervision) credited 1,00 €: 1,60 × 3,20 / 4,20 = 1,219… → 1,21 €.
    const lunch = day({ serviceKind: 'restauration', unitPriceCents: 420, mealCents: 260, creditedCents: 100 });
    expect(netCareCentsOfLine(lunch)).toBe(121);
    expect(attest(2026, [{ id: 'l', lines: [lunch] }], [paid('2026-06-01', [['l', 320]])])).toMatchObject({
      paidCents: 121,
    });
  });

  it('counts only the child’s own lines, and says what of it was paid with CESU', () => {
    const invoice: AttestationInvoice = {
      id: 'i',
      lines: [day({ quantity: 2 }), day({ memberId: ines, quantity: 2 })],
    };
    const payments = [paid('2026-02-01', [['i', 490]], { means: 'cesu' }), paid('2026-02-02', [['i', 490]])];
    // 980 paid in all for 490 of Léo's evenings and 490 of Inès's: each payment pays half of each.
    expect(attest(2026, [invoice], payments)).toEqual({ eligible: true, paidCents: 490, cesuCents: 245 });
  });
});

describe('spreading by largest remainder', () => {
  it('adds up exactly, ties to the first weight, nothing for no weight', () => {
    expect(spreadByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spreadByLargestRemainder(1000, [2450, 123])).toEqual([952, 48]);
    expect(spreadByLargestRemainder(500, [0, 0])).toEqual([0, 0]);
    expect(spreadByLargestRemainder(0, [3, 4])).toEqual([0, 0]);
  });

  it('never gives more than the amount, whatever the weights', () => {
    let seed = 7;
    const next = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % max;
    };
    for (let run = 0; run < 500; run++) {
      const weights = Array.from({ length: 1 + next(6) }, () => next(50_000));
      const amount = next(200_000);
      const shares = spreadByLargestRemainder(amount, weights);
      const total = shares.reduce((sum, share) => sum + share, 0);
      expect(total).toBe(weights.some((weight) => weight > 0) ? amount : 0);
      for (const share of shares) expect(share).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the years offered', () => {
  it('are this year, the last, and every year paid in, newest first', () => {
    expect(attestationYears('2026-12-06', [{ receivedOn: '2024-03-01' }, { receivedOn: '2026-01-02' }])).toEqual([
      2026, 2025, 2024,
    ]);
    expect(attestationYears('2026-12-06', [])).toEqual([2026, 2025]);
  });
});
