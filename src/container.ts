import type { Config } from './config.js';
import { type AssetStore, buildAssets } from './platform/assets/assets.js';
import { type Clock, startingClock, systemClock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import { type JobsOptions, openJobs } from './platform/jobs/jobs.js';
import { Mailer, databaseTransport, smtpTransport } from './platform/mail/mailer.js';
import { MailboxRepository } from './platform/mail/mailboxRepository.js';
import type { Backoff } from './platform/mail/deliveryPolicy.js';
import { SessionStore } from './platform/sessions/sessionStore.js';
import { Site } from './platform/site.js';
import { purgeAccountsData } from './modules/accounts/accountsHousekeeping.js';
import { AccountTokensRepository } from './modules/accounts/accountTokensRepository.js';
import { AgentsRepository } from './modules/accounts/agentsRepository.js';
import { AgentsService } from './modules/accounts/agentsService.js';
import { ChildKeysRepository } from './modules/accounts/childKeysRepository.js';
import { ChildKeysService } from './modules/accounts/childKeysService.js';
import { CitizensRepository } from './modules/accounts/citizensRepository.js';
import { CitizensService } from './modules/accounts/citizensService.js';
import { ProfileService } from './modules/accounts/profileService.js';
import { IdentifiersService } from './modules/accounts/identifiersService.js';
import { MailFailuresService } from './modules/accounts/mailFailuresService.js';
import { LoginThrottleRepository } from './modules/accounts/loginThrottleRepository.js';
import { PasswordGate } from './modules/accounts/passwordGate.js';
import { AuditLog } from './modules/audit/auditLog.js';
import { CommunesRepository } from './modules/communes/communesRepository.js';
import { CommunesService } from './modules/communes/communesService.js';
import { FamiliesRepository } from './modules/families/familiesRepository.js';
import { FamilyExportService } from './modules/families/familyExportService.js';
import { FamilyFileService } from './modules/families/familyFileService.js';
import { CoRepresentativeInvitations } from './modules/families/coRepresentativeInvitation.js';
import { familyChangeType, newMemberType } from './modules/families/familyRequestTypes.js';
import { NewsRepository } from './modules/news/newsRepository.js';
import { NewsService } from './modules/news/newsService.js';
import { RequestTypes } from './modules/requests/requestTypes.js';
import { RequestsRepository } from './modules/requests/requestsRepository.js';
import { RequestsService } from './modules/requests/requestsService.js';
import { EnrolmentsRepository } from './modules/services/enrolmentsRepository.js';
import { inscriptionRequestType } from './modules/services/inscriptionRequestType.js';
import { InscriptionsService } from './modules/services/inscriptionsService.js';
import { inscriptionDocuments } from './modules/services/inscriptionDocuments.js';
import { absenceRequestType } from './modules/bookings/absenceRequestType.js';
import { AbsencesRepository } from './modules/bookings/absencesRepository.js';
import { AbsencesService } from './modules/bookings/absencesService.js';
import { justifyIllnessesOnCertificate } from './modules/bookings/medicalCertificates.js';
import { ServiceCatalogue } from './modules/services/serviceCatalogue.js';
import { SessionBookingService } from './modules/bookings/sessionBookingService.js';
import { SessionBookingsRepository } from './modules/bookings/sessionBookingsRepository.js';
import { WaitingListJob } from './modules/bookings/waitingListJob.js';
import { ServicesRepository } from './modules/services/servicesRepository.js';
import { ServicesService } from './modules/services/servicesService.js';
import { AgendaRepository } from './modules/bookings/agendaRepository.js';
import { AgendaService } from './modules/bookings/agendaService.js';
import { BookingService } from './modules/bookings/bookingService.js';
import { BookingsRepository } from './modules/bookings/bookingsRepository.js';
import { AttendanceRepository } from './modules/bookings/attendanceRepository.js';
import { AttendanceService } from './modules/bookings/attendanceService.js';
import { CalendarFeedsRepository } from './modules/bookings/calendarFeedsRepository.js';
import { InvoiceMailJob } from './modules/billing/invoiceMailJob.js';
import { InvoiceRunService } from './modules/billing/invoiceRunService.js';
import { InvoicesRepository } from './modules/billing/invoicesRepository.js';
import { InvoicesService } from './modules/billing/invoicesService.js';
import { QuotientsRepository } from './modules/billing/quotientsRepository.js';
import { QuotientsService } from './modules/billing/quotientsService.js';
import { TariffsRepository } from './modules/billing/tariffsRepository.js';
import { FamilyPricesService } from './modules/billing/familyPrices.js';
import { TariffsService } from './modules/billing/tariffsService.js';
import { PaymentsRepository } from './modules/payments/paymentsRepository.js';
import { PaymentsService } from './modules/payments/paymentsService.js';
import { FiscalAttestationRepository } from './modules/payments/fiscalAttestationRepository.js';
import { FiscalAttestationService } from './modules/payments/fiscalAttestationService.js';
import type { PayfipClient } from './integrations/payfip/payfip.js';
import { createPayfipClient } from './integrations/payfip/payfipClient.js';
import { OnlinePaymentsRepository } from './modules/onlinePayments/onlinePaymentsRepository.js';
import { OnlinePaymentsService, PAYFIP_LOOKUP_QUEUE } from './modules/onlinePayments/onlinePaymentsService.js';
import { PayfipSettingsService } from './modules/onlinePayments/payfipSettingsService.js';
import { demarcheRequestType } from './modules/demarches/demarcheRequestType.js';
import { DemarchesRepository } from './modules/demarches/demarchesRepository.js';
import { DemarchesService } from './modules/demarches/demarchesService.js';
import { demarcheVault } from './modules/demarches/demarcheVault.js';
import { DocumentsRepository } from './modules/documents/documentsRepository.js';
import { DocumentsService } from './modules/documents/documentsService.js';
import { DocumentTypesService } from './modules/documents/documentTypesService.js';
import { type VaultSettings, throwAwayVault } from './modules/documents/vaultSettings.js';
import { VaultStore } from './modules/documents/vaultStore.js';

export const HOUSEKEEPING_QUEUE = 'accounts-housekeeping';
export const DOCUMENTS_RETENTION_QUEUE = 'documents-retention';
const RETENTION_SECONDS = 60 * 60;
const HOUSEKEEPING_SECONDS = 15 * 60;
export const PAYFIP_RECONCILE_QUEUE = 'payfip.reconcile';
// Pending PayFiP attempts are looked up every minute: a notification that never came costs a minute.
const PAYFIP_RECONCILE_SECONDS = 60;
// A PayFiP call that takes longer is « unavailable »: the family is told at once, nothing is written.
const PAYFIP_TIMEOUT_MS = 15_000;

/**
 * What the application runs on: the repositories and services built and wired by `buildContainer`,
 * its type read from what the builder returns, so a new service is one edit there.
 */
export type Container = Awaited<ReturnType<typeof buildContainer>>;

/** What the container reads of the configuration; the deployment's mode is settled after the database is checked. */
type ContainerConfig = Pick<Config, 'mode' | 'trustProxy' | 'logLevel' | 'redisUrl'>;

/** The one place where repositories and services are built and wired. Tests build it with their own clock. */
export async function buildContainer(options: {
  config: ContainerConfig & {
    now?: Date;
    smtpUrl?: string;
    publicUrl?: string;
    secret?: string;
    payfip?: Config['payfip'];
  };
  database: Database;
  clock?: Clock;
  assets?: AssetStore;
  jobs?: JobsOptions;
  /** PayFiP's client; without it, one on `config.payfip` (the real service's addresses by default). */
  payfip?: PayfipClient;
  /** The mails' retry waits; tests shorten them. */
  mail?: { backoff?: Backoff };
  /** The vault's master key and antivirus; without it, a throw-away key and no antivirus until the boot sets them. */
  vault?: VaultSettings;
}) {
  const { config, database } = options;
  const db = database.db;
  const clock = options.clock ?? (config.now ? startingClock(config.now) : systemClock);
  const site = new Site(config.publicUrl);
  const jobs = await openJobs(database, options.jobs);
  const mailer = new Mailer(
    jobs,
    config.smtpUrl ? smtpTransport(config.smtpUrl) : databaseTransport,
    db,
    clock,
    options.mail,
  );
  const sessions = new SessionStore(db, clock, config.secret);
  const audit = new AuditLog(db, clock);
  const mailbox = new MailboxRepository(db);
  const families = new FamiliesRepository(db);
  const citizensRepository = new CitizensRepository(db);
  const tokens = new AccountTokensRepository(db);
  const throttles = new LoginThrottleRepository(db);
  const gate = new PasswordGate(db, throttles, clock);
  const childKeys = new ChildKeysService(db, clock, new ChildKeysRepository(db), families, citizensRepository, audit);
  const communes = new CommunesService(new CommunesRepository(db), clock);
  const accountDeps = {
    db,
    clock,
    site,
    citizens: citizensRepository,
    tokens,
    gate,
    keys: childKeys,
    sessions,
    mailer,
    audit,
    jobs,
    communes,
  };
  const citizens = new CitizensService(accountDeps);
  // Each module registers its kinds of request; the engine knows none of them.
  const catalogue = new ServiceCatalogue(db);
  const requestTypes = new RequestTypes();
  requestTypes.register(familyChangeType(families));
  requestTypes.register(newMemberType(families));
  const enrolments = new EnrolmentsRepository(db);
  const absencesRepository = new AbsencesRepository(db);
  requestTypes.register(inscriptionRequestType({ families, catalogue, enrolments }));
  requestTypes.register(absenceRequestType(absencesRepository));
  requestTypes.register(demarcheRequestType);
  const requests = new RequestsService({
    db,
    clock,
    site,
    requests: new RequestsRepository(db),
    types: requestTypes,
    families,
    mailer,
    audit,
  });
  const familyFile = new FamilyFileService({ db, clock, families, requests, audit });
  const sessionBookingsRepository = new SessionBookingsRepository(db);
  const waitingList = new WaitingListJob({
    db,
    clock,
    site,
    jobs,
    communes,
    catalogue,
    families,
    bookings: sessionBookingsRepository,
    mailer,
  });
  const containerConfig: ContainerConfig = config;
  // PayFiP as configured; a demo points it at its simulator once the database has said it is a demo.
  let payfipClient =
    options.payfip ??
    createPayfipClient({
      endpoint: config.payfip?.endpoint ?? 'https://www.payfip.gouv.fr/tpa/services/securite',
      paymentPageBase: config.payfip?.paymentPage ?? 'https://www.payfip.gouv.fr/tpa/paiementws.web',
      timeoutMs: PAYFIP_TIMEOUT_MS,
    });
  const payfip: PayfipClient = {
    createPayment: (request) => payfipClient.createPayment(request),
    paymentDetail: (idOp) => payfipClient.paymentDetail(idOp),
    clientDetail: (numcli) => payfipClient.clientDetail(numcli),
    paymentPageUrl: (idOp) => payfipClient.paymentPageUrl(idOp),
  };
  const tariffsRepository = new TariffsRepository(db);
  const invoicesRepository = new InvoicesRepository(db);
  const quotientsRepository = new QuotientsRepository(db);
  const invoiceMails = new InvoiceMailJob({ db, site, jobs, communes, families, invoices: invoicesRepository, mailer });
  const billingDeps = { db, clock, catalogue, tariffs: tariffsRepository, audit };
  const vault = options.vault ?? throwAwayVault();
  const documentsRepository = new DocumentsRepository(db);
  const documents = new DocumentsService({
    db,
    clock,
    site,
    repository: documentsRepository,
    store: new VaultStore(
      documentsRepository,
      () => vault.masterKey,
      () => vault.previousKey,
    ),
    scanner: () => vault.scanner,
    families,
    enrolledServiceIds: async (communeId, memberId) =>
      (await catalogue.enrolmentsOf(communeId, memberId)).map((enrolment) => enrolment.serviceId),
    mailer,
    audit,
    storeWhileReceiving: database.kind === 'postgres',
  });
  // A child's medical certificate, once validated, justifies the illnesses it covers.
  documents.onValidated(justifyIllnessesOnCertificate(absencesRepository, audit));
  const invoices = new InvoicesService({ ...billingDeps, invoices: invoicesRepository });
  const payments = new PaymentsService({ db, clock, payments: new PaymentsRepository(db), families, audit });
  const onlinePaymentsRepository = new OnlinePaymentsRepository(db);
  const onlinePayments = new OnlinePaymentsService({
    db,
    clock,
    site,
    jobs,
    client: payfip,
    repository: onlinePaymentsRepository,
    payments,
    invoices,
    recordPayment: async (commune, payment, actor, tx) => {
      const { familyId, invoiceId, amountCents, receivedOn, payer } = payment;
      const recorded = await payments.recordForInvoice(
        commune,
        familyId,
        invoiceId,
        { means: 'payfip', amountCents, receivedOn, payer, chequeNumber: null, chequeBank: null },
        actor,
        '',
        tx,
      );
      // Money PayFiP took is always recorded: a refusal here is a bug, and rolls the attempt back.
      if (!recorded.ok) throw new Error(`the online payment ${payment.idOp} was not recorded: ${recorded.reason}`);
      const allocatedCents = recorded.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
      return { paymentId: recorded.paymentId, creditCents: amountCents - allocatedCents };
    },
    families,
    communes,
    mailer,
    audit,
    acceptsTestResults: () => containerConfig.mode === 'demo',
  });
  const documentTypes = new DocumentTypesService({
    db,
    repository: documentsRepository,
    servicesOf: (communeId) => catalogue.services(communeId, { includeInactive: true }),
    audit,
  });
  return {
    config: containerConfig,
    database,
    clock,
    assets: options.assets ?? buildAssets(),
    site,
    jobs,
    mailer,
    mailbox,
    sessions,
    audit,
    communes,
    families,
    /** The family file as families and agents change it. */
    familyFile,
    /** « Télécharger mes données », audited. */
    familyExports: new FamilyExportService({ db, audit }),
    /** A parent invites the other responsible adult of the file by e-mail. */
    invitations: new CoRepresentativeInvitations({ db, clock, site, families, childKeys, mailer, audit }),
    /** Every procedure's requests: status, timeline, thread. */
    requests,
    inscriptions: new InscriptionsService({
      db,
      clock,
      families,
      catalogue,
      enrolments,
      requests,
      documents: inscriptionDocuments(documents),
    }),
    demarches: new DemarchesService({
      db,
      clock,
      repository: new DemarchesRepository(db),
      requests,
      vault: demarcheVault(documents, documentTypes, families),
      audit,
    }),
    absences: new AbsencesService({
      db,
      clock,
      families,
      catalogue,
      absences: absencesRepository,
      requests,
      documents,
      audit,
    }),
    /** « Activités vacances »: holiday sessions' bookings, waiting lists and the promotion job. */
    sessionBookings: new SessionBookingService({
      db,
      clock,
      catalogue,
      bookings: sessionBookingsRepository,
      waitingList,
      audit,
    }),
    /** The commune's messages on Mon accueil. */
    news: new NewsService(new NewsRepository(db), clock),
    /** The commune's school years, days off, services, sessions and inscriptions, as the rules read them. */
    catalogue,
    /** The administrator's set-up: school years, days off, services' rules, holiday sessions. */
    servicesSetUp: new ServicesService({
      db,
      clock,
      repository: new ServicesRepository(db),
      catalogue,
      audit,
      dayPlaces: new BookingsRepository(db),
      waitingList,
    }),
    /** A member's agenda and its private calendar feed. */
    agenda: new AgendaService({
      db,
      clock,
      agenda: new AgendaRepository(db),
      feeds: new CalendarFeedsRepository(db),
      catalogue,
      audit,
    }),
    /** « Modifier les réservations »: a child's days, their summary and their confirmation. */
    bookings: new BookingService({ db, clock, catalogue, bookings: new BookingsRepository(db) }),
    /** The day lists and the pointage. */
    attendance: new AttendanceService({ db, clock, repository: new AttendanceRepository(db), catalogue, audit }),
    citizens,
    identifiers: new IdentifiersService(accountDeps),
    /** « Profil »: the account's address and phones, audited. */
    profile: new ProfileService({ db, citizens: citizensRepository, audit }),
    childKeys,
    // An explicit clock (tests) rules everything; a demo's shifted calendar does not move TOTP codes.
    agents: new AgentsService({
      db,
      clock,
      codeClock: options.clock ?? systemClock,
      site,
      agents: new AgentsRepository(db),
      tokens,
      gate,
      throttles,
      sessions,
      mailer,
      audit,
    }),
    /** « Courriels en échec » at the guichet unique. */
    mailFailures: new MailFailuresService({ db, mailer, mailbox, audit }),
    tariffs: new TariffsService(billingDeps),
    /** What a family will pay for a day or a session place, read before booking. */
    familyPrices: new FamilyPricesService({ tariffs: tariffsRepository, quotients: quotientsRepository, clock }),
    quotients: new QuotientsService({
      ...billingDeps,
      quotients: quotientsRepository,
      families: {
        exists: async (communeId, familyId, tx) => (await families.lockFamily(communeId, familyId, tx!)) !== null,
        label: async (communeId, familyId) => {
          const file = await families.file(communeId, familyId);
          if (!file) return null;
          const representative = file.adults.find((adult) => adult.role === 'representant') ?? file.adults[0];
          return {
            reference: file.family.reference,
            name: representative ? `${representative.firstName} ${representative.lastName}` : '',
          };
        },
      },
    }),
    invoiceRun: new InvoiceRunService({
      ...billingDeps,
      quotients: quotientsRepository,
      invoices: invoicesRepository,
      mails: invoiceMails,
    }),
    invoices,
    payments,
    /** « Payer en ligne » with PayFiP: attempts, their lookups and the payments they record (ADR 0017). */
    onlinePayments,
    /** « Paramètres → Paiement en ligne ». */
    payfipSettings: new PayfipSettingsService({ db, client: payfip, repository: onlinePaymentsRepository, audit }),
    /** Points PayFiP's calls elsewhere: the demo's simulator, once the deployment is known to be a demo. */
    usePayfip(client: PayfipClient) {
      payfipClient = client;
    },
    fiscalAttestations: new FiscalAttestationService({
      clock,
      payments: new PaymentsRepository(db),
      attestations: new FiscalAttestationRepository(db),
      families,
      audit,
    }),
    vault,
    documents,
    documentTypes,
    /** Starts the background work (job workers); the HTTP side works without it. */
    async start() {
      await jobs.start();
      await mailer.start();
      await citizens.startWorkers();
      await waitingList.start();
      await invoiceMails.start();
      // A notification's lookup, and every minute the pending attempts whose notification never came.
      await jobs.work<{ communeId: string; slug: string; idOp: string }>(PAYFIP_LOOKUP_QUEUE, (job) =>
        onlinePayments.reconcileFromJob(job),
      );
      await jobs.every(PAYFIP_RECONCILE_QUEUE, PAYFIP_RECONCILE_SECONDS, async () => {
        await onlinePayments.reconcilePending();
      });
      // Every quarter of an hour, in one instance of the deployment at a time (a durable job).
      await jobs.every(HOUSEKEEPING_QUEUE, HOUSEKEEPING_SECONDS, () => purgeAccountsData(db, sessions, clock));
      // Every hour: the files of refused, replaced and long-expired documents go (retention).
      await jobs.every(DOCUMENTS_RETENTION_QUEUE, RETENTION_SECONDS, async () => {
        await documents.purgeDue();
      });
    },
    async stop() {
      await jobs.stop();
    },
  };
}
