import type { Commune } from '../communes/domain/commune.js';
import type { FamilyFile } from '../families/familiesRepository.js';
import { invoiceStatus, leftToPay } from './domain/invoiceStatus.js';
import type { InvoiceLine, InvoiceQuotient, InvoiceSummary, InvoiceView } from './invoiceView.js';
import type { InvoiceBalance, InvoiceMentions, StoredLine } from './paymentsRepository.js';
import { formatMonth } from '../../shared/localDays.js';

/**
 * Builds the plain views of an invoice from what the database holds: its frozen lines grouped by child,
 * service, unit and price (the bases of the calculation), the commune's mentions, the family's address.
 */

export type Bracket = { rank: number; upperBound: number | null };

const quotientSources: Record<string, string> = {
  caf: 'attestation CAF',
  msa: 'attestation MSA',
  'avis-imposition': 'avis d’imposition',
  guichet: 'saisi au guichet',
};

export function quotientSourceLabel(source: string | null): string | null {
  return source === null ? null : (quotientSources[source] ?? source);
}

/** « tranche 3 (QF de 601 à 900 €) », « tranche 1 (QF jusqu’à 400 €) », « tranche 6 (QF au-delà de 1 800 €) ». */
export function bracketLabel(rank: number | null, brackets: readonly Bracket[]): string {
  if (rank === null) return 'prix de la réservation';
  const index = brackets.findIndex((bracket) => bracket.rank === rank);
  const bracket = brackets[index];
  if (!bracket) return `tranche ${rank}`;
  const previous = brackets[index - 1];
  const euros = (value: number) => value.toLocaleString('fr-FR').replace(/\u202f/g, '\u00a0');
  if (bracket.upperBound === null) {
    return previous?.upperBound != null
      ? `tranche ${rank} (QF au-delà de ${euros(previous.upperBound)} €)`
      : `tranche ${rank}`;
  }
  return previous?.upperBound != null
    ? `tranche ${rank} (QF de ${euros(previous.upperBound + 1)} à ${euros(bracket.upperBound)} €)`
    : `tranche ${rank} (QF jusqu’à ${euros(bracket.upperBound)} €)`;
}

const kindSuffix: Record<string, string> = {
  'annulation-tardive': ' (annulation tardive)',
  'sans-reservation': ' (présence sans réservation)',
  session: '',
};

/** The lines of the calculation: one per child, service, unit, kind, price and bracket, days added up. */
export function groupLines(lines: readonly StoredLine[]): InvoiceLine[] {
  const groups = new Map<string, InvoiceLine>();
  for (const line of lines) {
    const serviceName = `${line.sessionName ?? line.serviceName}${kindSuffix[line.kind] ?? ''}`;
    const rank = line.bracketRank === null ? 'none' : String(line.bracketRank);
    const key = [line.memberName, serviceName, line.unitLabel, line.unitPriceCents, rank, line.nonResident].join('|');
    const group = groups.get(key);
    if (group) {
      group.quantity += line.quantity;
      group.majorationCents += line.majorationCents;
      group.amountCents += line.amountCents;
    } else {
      groups.set(key, {
        childName: line.memberName,
        serviceName,
        unitLabel: line.unitLabel,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        bracketLabel: line.nonResident
          ? 'tarif extérieur'
          : line.bracketRank === null
            ? 'prix de la réservation'
            : `tranche ${line.bracketRank}`,
        majorationCents: line.majorationCents,
        amountCents: line.amountCents,
      });
    }
  }
  return [...groups.values()];
}

/** The QF the invoice was priced with: the one of its last priced day. */
export function invoiceQuotient(lines: readonly StoredLine[], brackets: readonly Bracket[]): InvoiceQuotient {
  const priced = lines.filter((line) => line.bracketRank !== null);
  const last = priced.reduce<StoredLine | null>(
    (latest, line) => (!latest || line.day >= latest.day ? line : latest),
    null,
  );
  const highest = brackets.at(-1)?.rank ?? null;
  return {
    value: last?.qfValue ?? null,
    bracketLabel: bracketLabel(last?.bracketRank ?? highest, brackets),
    source: quotientSourceLabel(last?.qfSource ?? null),
  };
}

export function invoiceSummary(invoice: InvoiceBalance, today: string): InvoiceSummary {
  return {
    id: invoice.id,
    number: invoice.number,
    periodLabel: formatMonth(invoice.period),
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    totalCents: invoice.totalCents,
    paidCents: invoice.paidCents + invoice.creditedCents,
    leftToPayCents: invoice.status === 'cancelled' ? 0 : leftToPay(invoice),
    status: invoiceStatus({ ...invoice, cancelled: invoice.status === 'cancelled' }, today),
  };
}

export function issuerOf(commune: Commune, mentions: InvoiceMentions | null): InvoiceView['issuer'] {
  return {
    communeName: commune.name,
    regie: mentions?.regie ?? 'Régie de recettes des services périscolaires',
    responsible: mentions
      ? { name: mentions.responsibleName, position: mentions.responsiblePosition }
      : { name: `Le maire de ${commune.name}`, position: 'ordonnateur' },
    court: mentions?.court ?? 'tribunal administratif dont relève la commune',
    desk: {
      name: commune.desk.name,
      street: commune.desk.street,
      postcode: commune.desk.postcode,
      city: commune.desk.city,
      phone: commune.desk.phone,
      email: commune.desk.email,
      hours: commune.desk.hours.map((slot) => `${slot.days} : ${slot.hours}`),
    },
  };
}

export function familyOf(file: FamilyFile): InvoiceView['family'] {
  const representative = file.adults.find((adult) => adult.role === 'representant') ?? file.adults[0];
  const { family } = file;
  return {
    reference: family.reference,
    representative: representative
      ? `${representative.firstName} ${representative.lastName.toLocaleUpperCase('fr-FR')}`
      : '',
    addressLines: [family.street, family.streetComplement, `${family.postcode} ${family.city}`.trim()].filter(
      (line) => line !== '',
    ),
  };
}

export function periodOf(period: string): InvoiceView['period'] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}`, label: formatMonth(period) };
}
