import { pdfText, taggedPdf } from '../../platform/pdf/taggedPdf.js';
import { formatEuros } from '../../shared/money.js';
import { formatDay, formatShortDay } from '../../shared/localDays.js';
import type { InvoiceView } from './invoiceView.js';
import { deskMeans } from './domain/paymentMeans.js';
import { appealNotice, meansLabel } from './paymentWording.js';

/**
 * The invoice as a tagged PDF in French (headings, paragraphs, tables with header cells, the document's
 * language), as the guide is. Deterministic: the creation date is the invoice's issue, the file
 * identifier is derived from the document's information, and nothing reads the clock, so the same
 * invoice gives the same bytes every time it is downloaded.
 */
export async function invoicePdf(invoice: InvoiceView): Promise<Buffer> {
  const { doc, root, block, done } = await taggedPdf({
    margin: 50,
    info: {
      title: `Facture ${invoice.number} — ${invoice.issuer.communeName}`,
      author: `Commune de ${invoice.issuer.communeName}`,
      subject: `Facture de ${invoice.period.label}`,
      createdAt: invoice.issuedAt,
      modifiedAt: invoice.issuedAt,
    },
    text: { size: 10, gap: 4 },
  });
  const table = (headers: string[], rows: string[][], widths: (number | '*')[]) => {
    doc.font('Helvetica').fontSize(8.5);
    const options = {
      structParent: root,
      columnStyles: widths.map((width) => ({ width })),
      defaultStyle: { padding: 3, border: 0.5, borderColor: '#666666' },
      data: [
        headers.map((text) => ({
          text: pdfText(text),
          type: 'TH' as const,
          scope: 'column',
          font: { src: 'Helvetica-Bold' },
        })),
        ...rows.map((row) => row.map((text) => pdfText(text))),
      ],
    };
    doc.table(options as Parameters<typeof doc.table>[0] & { data: unknown[] });
    doc.x = doc.page.margins.left;
    doc.moveDown(0.8);
  };

  const { issuer, family, quotient } = invoice;
  block('H1', `Facture n° ${invoice.number}`, true, 18, 6);
  block('P', `Commune de ${issuer.communeName} — ${issuer.regie}`, true, 11);
  block(
    'P',
    `Émise le ${formatDay(invoice.issuedOn)}, pour la période du ${formatDay(invoice.period.from)} au ${formatDay(invoice.period.to)} (${invoice.period.label}).`,
  );
  if (invoice.cancelled) block('P', 'Cette facture est annulée : elle n’est plus à payer.', true, 11);

  block('H2', 'Famille', true, 13, 4);
  block('P', [`Dossier ${family.reference}`, family.representative, ...family.addressLines].join('\n'));
  block(
    'P',
    quotient.value === null
      ? `Quotient familial : non communiqué, la tranche la plus haute s’applique (${quotient.bracketLabel}).`
      : `Quotient familial : ${quotient.value}${quotient.source ? ` (${quotient.source})` : ''}, ${quotient.bracketLabel}.`,
  );

  block('H2', 'Bases du calcul', true, 13, 4);
  table(
    ['Enfant', 'Service', 'Unités', 'Prix unitaire', 'Tranche', 'Majorations', 'Montant'],
    invoice.lines.map((line) => [
      line.childName,
      line.serviceName,
      `${line.quantity} × ${line.unitLabel}`,
      formatEuros(line.unitPriceCents),
      line.bracketLabel,
      line.majorationCents === 0 ? '—' : formatEuros(line.majorationCents),
      formatEuros(line.amountCents),
    ]),
    [80, '*', 70, 58, 58, 58, 58],
  );

  block('H2', 'Montants', true, 13, 4);
  const amounts: [string, number][] = [
    ['Total de la facture', invoice.totalCents],
    ['Déjà payé', invoice.paidCents],
    ...(invoice.creditedCents > 0 ? ([['Avoirs', invoice.creditedCents]] as [string, number][]) : []),
    ['Reste à payer', invoice.leftToPayCents],
  ];
  table(
    ['Montant', 'Euros'],
    amounts.map(([label, cents]) => [label, formatEuros(cents)]),
    ['*', 100],
  );
  if (invoice.payments.length > 0) {
    block('H3', 'Paiements reçus', true, 11, 3);
    table(
      ['Date', 'Moyen', 'Montant'],
      invoice.payments.map((payment) => [
        formatShortDay(payment.receivedOn),
        meansLabel[payment.means],
        formatEuros(payment.amountCents),
      ]),
      [90, '*', 100],
    );
  }

  block('H2', 'Échéances et paiement', true, 13, 4);
  block(
    'P',
    `À payer avant le ${formatDay(invoice.dueOn)}. Paiement en ligne possible jusqu’au ${formatDay(invoice.onlinePaymentUntil)}.`,
  );
  block(
    'P',
    `Au guichet unique : ${deskMeans
      .map((means) => meansLabel[means])
      .join(', ')
      .toLocaleLowerCase('fr-FR')} (chèque à l’ordre du Trésor public).`,
  );
  block(
    'P',
    [
      issuer.desk.name,
      issuer.desk.street,
      `${issuer.desk.postcode} ${issuer.desk.city}`,
      `Téléphone : ${issuer.desk.phone}`,
      `Courriel : ${issuer.desk.email}`,
      ...issuer.desk.hours,
    ].join('\n'),
  );

  block('H2', 'Responsable et recours', true, 13, 4);
  block('P', `${issuer.responsible.name}, ${issuer.responsible.position}.`);
  block('P', appealNotice(issuer.court));

  return done();
}
