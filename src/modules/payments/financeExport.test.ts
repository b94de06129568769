import { describe, expect, it } from 'vitest';
import { invoicesCsv, paymentsCsv } from './financeExport.js';

describe('the finance software’s CSV', () => {
  it('writes one invoice a row, French style: BOM, semicolons, decimal comma, CRLF, what is left to pay', () => {
    const csv = invoicesCsv([
      {
        number: '2026-000031',
        familyReference: 'F-0042',
        period: '2026-10',
        issuedOn: '2026-11-05',
        dueOn: '2026-11-30',
        status: 'issued',
        totalCents: 123456,
        paidCents: 2000,
        creditedCents: 456,
      },
      {
        number: '2026-000032',
        familyReference: 'F-0043',
        period: '2026-10',
        issuedOn: '2026-11-05',
        dueOn: '2026-11-30',
        status: 'cancelled',
        totalCents: 500,
        paidCents: 0,
        creditedCents: 0,
      },
    ]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'numero;dossier_famille;periode;date_emission;date_echeance;statut;montant;paye;avoirs;reste_a_payer',
      '2026-000031;F-0042;2026-10;2026-11-05;2026-11-30;emise;1234,56;20,00;4,56;1210,00',
      '2026-000032;F-0043;2026-10;2026-11-05;2026-11-30;annulee;5,00;0,00;0,00;0,00',
      '',
    ]);
  });

  it('writes one allocation a row, quotes what holds a separator or a quote, and defuses a formula in a name', () => {
    const csv = paymentsCsv([
      {
        receivedOn: '2026-11-20',
        familyReference: 'F-0042',
        means: 'cheque',
        payer: 'Rémi "le père"; DUPONT',
        chequeNumber: '0001234',
        chequeBank: 'Banque Postale',
        amountCents: 2633,
        invoiceNumber: '2026-000031',
        allocatedCents: 2633,
        cancelled: false,
      },
      {
        receivedOn: '2026-11-21',
        familyReference: 'F-0043',
        means: 'especes',
        payer: '=HYPERLINK("http://example.org")',
        chequeNumber: null,
        chequeBank: null,
        amountCents: 500,
        invoiceNumber: '2026-000032',
        allocatedCents: 500,
        cancelled: true,
      },
    ]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      '2026-11-20;F-0042;Chèque;"Rémi ""le père""; DUPONT";0001234;Banque Postale;26,33;2026-000031;26,33;non',
    );
    expect(lines[2]).toBe(
      `2026-11-21;F-0043;Espèces;"'=HYPERLINK(""http://example.org"")";;;5,00;2026-000032;5,00;oui`,
    );
  });
});
