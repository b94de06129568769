import { stringify } from 'csv-stringify/sync';
import { centsToEuroInput } from '../../shared/money.js';
import type { PaymentMeans } from './domain/paymentMeans.js';
import { meansLabel } from './paymentWording.js';

/**
 * The CSV files the commune's finance software reads: one row per invoice issued, one row per payment
 * allocation received, over a period. French conventions, as those programs and a spreadsheet expect
 * them: `;` between fields, a decimal comma, a byte-order mark so that the accents survive, CRLF. Days are
 * written 'YYYY-MM-DD' (no ambiguity), amounts in euros with two decimals.
 */

export interface InvoiceExportRow {
  number: string;
  familyReference: string;
  period: string;
  issuedOn: string;
  dueOn: string;
  status: 'issued' | 'cancelled';
  totalCents: number;
  paidCents: number;
  creditedCents: number;
}

export interface PaymentExportRow {
  receivedOn: string;
  familyReference: string;
  means: PaymentMeans;
  payer: string;
  chequeNumber: string | null;
  chequeBank: string | null;
  amountCents: number;
  invoiceNumber: string;
  allocatedCents: number;
  cancelled: boolean;
}

const options = { bom: true, delimiter: ';', record_delimiter: 'windows', quoted_match: /^[=+\-@]/ } as const;

/**
 * A text cell a spreadsheet would read as a formula (« =… », « +… », « -… », « @… ») is prefixed with an
 * apostrophe: a payer's name typed at the desk must never run as one when the file is opened.
 */
function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const euros = (cents: number) => centsToEuroInput(cents);

export function invoicesCsv(rows: readonly InvoiceExportRow[]): string {
  return stringify(
    [
      [
        'numero',
        'dossier_famille',
        'periode',
        'date_emission',
        'date_echeance',
        'statut',
        'montant',
        'paye',
        'avoirs',
        'reste_a_payer',
      ],
      ...rows.map((row) => {
        const left = row.status === 'cancelled' ? 0 : Math.max(0, row.totalCents - row.paidCents - row.creditedCents);
        return [
          cell(row.number),
          cell(row.familyReference),
          row.period,
          row.issuedOn,
          row.dueOn,
          row.status === 'cancelled' ? 'annulee' : 'emise',
          euros(row.totalCents),
          euros(row.paidCents),
          euros(row.creditedCents),
          euros(left),
        ];
      }),
    ],
    options,
  );
}

export function paymentsCsv(rows: readonly PaymentExportRow[]): string {
  return stringify(
    [
      [
        'date_reception',
        'dossier_famille',
        'moyen',
        'payeur',
        'cheque_numero',
        'cheque_banque',
        'montant_paiement',
        'facture',
        'montant_affecte',
        'annule',
      ],
      ...rows.map((row) => [
        row.receivedOn,
        cell(row.familyReference),
        meansLabel[row.means],
        cell(row.payer),
        cell(row.chequeNumber ?? ''),
        cell(row.chequeBank ?? ''),
        euros(row.amountCents),
        cell(row.invoiceNumber),
        euros(row.allocatedCents),
        row.cancelled ? 'oui' : 'non',
      ]),
    ],
    options,
  );
}
