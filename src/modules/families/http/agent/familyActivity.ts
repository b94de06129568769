import { daysOfMonth, type LocalDay, type LocalMonth, monthOf } from '../../../../shared/localDays.js';
import type { Commune } from '../../../communes/domain/commune.js';
import type { AbsencesService } from '../../../bookings/absencesService.js';
import type { AgendaService } from '../../../bookings/agendaService.js';
import type { DocumentLine, DocumentsService } from '../../../documents/documentsService.js';
import type { InvoiceSummary } from '../../../payments/invoiceView.js';
import type { PaymentsService } from '../../../payments/paymentsService.js';
import type { RequestsService } from '../../../requests/requestsService.js';
import type { InscriptionOverview, InscriptionsService } from '../../../services/inscriptionsService.js';
import type { FamilyMember } from '../../familyFileService.js';

/** The services the desk file reads what the family does through, each in its own module. */
export interface ActivityServices {
  inscriptions: InscriptionsService;
  agenda: AgendaService;
  absences: AbsencesService;
  requests: RequestsService;
  payments: PaymentsService;
  documents: DocumentsService;
}

/** A child's booked days of the month, per service. */
export interface MonthBookings {
  member: FamilyMember;
  services: { serviceId: string; serviceName: string; days: LocalDay[] }[];
}

/** What the family does, as the desk file shows it; a part the agent may not read is null. */
export interface FamilyActivity {
  month: LocalMonth;
  enrolments: InscriptionOverview['enrolments'];
  bookings: MonthBookings[];
  absences: {
    id: string;
    memberId: string;
    firstDay: LocalDay;
    lastDay: LocalDay;
    requestId: string | null;
    requestStatus: string | null;
    justified: boolean;
  }[];
  requests: Awaited<ReturnType<RequestsService['ofFamily']>>;
  invoices: InvoiceSummary[] | null;
  documents: DocumentLine[] | null;
}

/**
 * What the family does, read through each module's service: its inscriptions, the children's bookings of
 * this month, its latest absences and requests, its invoices (with `payments`) and documents (with
 * `documents`). Nothing of a health fact: an absence shows its dates and whether it is justified.
 */
export async function familyActivity(
  services: ActivityServices,
  commune: Commune,
  familyId: string,
  children: FamilyMember[],
  may: { payments: boolean; documents: boolean },
): Promise<FamilyActivity> {
  const month = monthOf(services.agenda.today());
  const days = daysOfMonth(month);
  const [inscriptions, absences, requests, account, documents, agendas] = await Promise.all([
    services.inscriptions.overview(commune, familyId),
    services.absences.overview(commune, familyId),
    services.requests.ofFamily(commune, familyId),
    may.payments ? services.payments.account(commune, familyId) : null,
    may.documents ? services.documents.overview(commune, familyId) : null,
    Promise.all(children.map((child) => services.agenda.days(commune.id, child.id, days[0]!, days.at(-1)!))),
  ]);
  const bookings = children.map((member, i): MonthBookings => {
    const byService = new Map<string, { serviceId: string; serviceName: string; days: LocalDay[] }>();
    for (const day of agendas[i]!) {
      for (const entry of day.entries) {
        if (entry.state !== 'reserve' && entry.state !== 'inscrit') continue;
        const line = byService.get(entry.serviceId) ?? {
          serviceId: entry.serviceId,
          serviceName: entry.serviceName,
          days: [],
        };
        if (!line.days.includes(day.day)) line.days.push(day.day);
        byService.set(entry.serviceId, line);
      }
    }
    return { member, services: [...byService.values()] };
  });
  return {
    month,
    enrolments: inscriptions.ok ? inscriptions.enrolments : [],
    bookings,
    absences: (absences?.absences ?? []).map((absence) => ({
      id: absence.id,
      memberId: absence.memberId,
      firstDay: absence.firstDay,
      lastDay: absence.lastDay,
      requestId: absence.requestId,
      requestStatus: absence.requestStatus,
      justified: absence.justified,
    })),
    requests,
    invoices: account ? account.invoices : null,
    documents: documents ? documents.filter((line) => line.latest || line.required) : null,
  };
}
