import type { Clock } from '../../platform/clock.js';
import { localDayOf, type LocalDay } from '../../shared/localDays.js';
import { notFound, refused, type NotFound, type Outcome, type Refused } from '../../shared/outcome.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository, FamilyFile } from '../families/familiesRepository.js';
import {
  type AttestationInvoice,
  type AttestationPayment,
  attestationYears,
  fiscalAttestation,
  isUnderSixOnFirstJanuary,
} from './domain/fiscalAttestation.js';
import type { FiscalAttestationRepository } from './fiscalAttestationRepository.js';
import { fiscalAttestationPdf } from './fiscalAttestationPdf.js';
import { familyOf, issuerOf } from './invoiceBuilder.js';
import type { AttestationYear, FiscalAttestationView } from './fiscalAttestationView.js';
import type { PaymentsRepository } from './paymentsRepository.js';

interface Deps {
  clock: Clock;
  payments: PaymentsRepository;
  attestations: FiscalAttestationRepository;
  families: FamiliesRepository;
  audit: AuditLog;
}

export type AttestationPdfOutcome = Outcome<
  { view: FiscalAttestationView; pdf: Buffer },
  NotFound | Refused<'not-under-six' | 'nothing-paid'>
>;

/** Who asks for the PDF: the family on its door, or an agent at the desk (audited). */
export type AttestationReader = { kind: 'family' } | { kind: 'agent'; actor: AuditActor; ip: string };

const childName = (member: FamilyFile['members'][number]) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

/** The attestation fiscale of a family's children: the years it may be asked for, and its PDF (ADR 0018). */
export class FiscalAttestationService {
  constructor(private readonly deps: Deps) {}

  today(): LocalDay {
    return localDayOf(this.deps.clock.now());
  }

  /** The years offered, newest first, each with its eligible children and what was paid for their care; null for no family. */
  async years(commune: Commune, familyId: string): Promise<AttestationYear[] | null> {
    const facts = await this.facts(commune, familyId);
    if (!facts) return null;
    return attestationYears(this.today(), facts.payments).map((year) => {
      const children = facts.children
        .filter((member) => isUnderSixOnFirstJanuary(member.birthDate, year))
        .map((member) => ({
          memberId: member.id,
          childName: childName(member),
          birthDate: member.birthDate,
          sex: member.sex,
          paidCents: paidCentsOf(this.paid(year, member, facts)),
        }));
      const nothingBecause =
        children.length === 0
          ? ('no-child-under-six' as const)
          : children.every((child) => child.paidCents === 0)
            ? ('nothing-paid' as const)
            : null;
      return { year, children, nothingBecause };
    });
  }

  /** The attestation of one child for one year, as its PDF; an agent's production is audited. */
  async attestation(
    commune: Commune,
    familyId: string,
    year: number,
    memberId: string,
    reader: AttestationReader,
  ): Promise<AttestationPdfOutcome> {
    const facts = await this.facts(commune, familyId);
    const member = facts?.children.find((child) => child.id === memberId);
    if (!facts || !member || year > Number(this.today().slice(0, 4))) return notFound;
    const outcome = this.paid(year, member, facts);
    if (!outcome.eligible) return refused('not-under-six');
    if (outcome.paidCents === 0) return refused('nothing-paid');
    const mentions = await this.deps.payments.mentions(commune.id);
    const view: FiscalAttestationView = {
      year,
      issuedOn: this.today(),
      issuer: issuerOf(commune, mentions),
      family: familyOf(facts.file),
      child: { name: childName(member), birthDate: member.birthDate, sex: member.sex },
      paidCents: outcome.paidCents,
      cesuCents: outcome.cesuCents,
    };
    if (reader.kind === 'agent') {
      await this.deps.audit.record({
        communeId: commune.id,
        actor: reader.actor,
        action: 'fiscal-attestation.produced',
        subject: { kind: 'family-member', id: memberId },
        ip: reader.ip,
        details: { familyId, year, paidCents: outcome.paidCents },
      });
    }
    return { ok: true, view, pdf: await fiscalAttestationPdf(view) };
  }

  private paid(year: number, member: FamilyFile['members'][number], facts: Facts) {
    return fiscalAttestation({
      year,
      child: { memberId: member.id, birthDate: member.birthDate },
      invoices: facts.invoices,
      payments: facts.payments,
    });
  }

  /** The family's children, its payments and the invoices they paid, with their lines. */
  private async facts(commune: Commune, familyId: string): Promise<Facts | null> {
    const { payments, attestations, families } = this.deps;
    const [file, paid] = await Promise.all([
      families.file(commune.id, familyId),
      payments.familyPayments(commune.id, familyId),
    ]);
    if (!file) return null;
    const invoiceIds = [...new Set(paid.flatMap((payment) => payment.allocations.map((a) => a.invoiceId)))];
    const lines = await attestations.lines(commune.id, invoiceIds);
    const linesOf = new Map(invoiceIds.map((id) => [id, [] as typeof lines]));
    for (const line of lines) linesOf.get(line.invoiceId)?.push(line);
    const invoices = invoiceIds.map((id) => ({ id, lines: linesOf.get(id) ?? [] }));
    return {
      file,
      children: file.members
        .filter((member) => member.relation === 'enfant')
        .sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.firstName.localeCompare(b.firstName, 'fr')),
      invoices,
      payments: paid.map((payment) => ({
        receivedOn: payment.receivedOn,
        cancelled: payment.cancelledAt !== null,
        means: payment.means,
        allocations: payment.allocations,
      })),
    };
  }
}

const paidCentsOf = (outcome: ReturnType<typeof fiscalAttestation>) => (outcome.eligible ? outcome.paidCents : 0);

interface Facts {
  file: FamilyFile;
  children: FamilyFile['members'];
  invoices: AttestationInvoice[];
  payments: AttestationPayment[];
}
