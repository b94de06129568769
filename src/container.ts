import type { Config } from './config.js';
import { type AssetStore, buildAssets } from './platform/assets/assets.js';
import { type Clock, startingClock, systemClock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import { type Jobs, type JobsOptions, openJobs } from './platform/jobs/jobs.js';
import { Mailer, databaseTransport, smtpTransport } from './platform/mail/mailer.js';
import { MailboxRepository } from './platform/mail/mailboxRepository.js';
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
import { IdentifiersService } from './modules/accounts/identifiersService.js';
import { LoginThrottleRepository } from './modules/accounts/loginThrottleRepository.js';
import { PasswordGate } from './modules/accounts/passwordGate.js';
import { AuditLog } from './modules/audit/auditLog.js';
import { CommunesRepository } from './modules/communes/communesRepository.js';
import { CommunesService } from './modules/communes/communesService.js';
import { FamiliesRepository } from './modules/families/familiesRepository.js';
import { FamilyFileService } from './modules/families/familyFileService.js';
import { CoRepresentativeInvitations } from './modules/families/coRepresentativeInvitation.js';
import { familyChangeType, newMemberType } from './modules/families/familyRequestTypes.js';
import { NewsRepository } from './modules/news/newsRepository.js';
import { RequestTypes } from './modules/requests/requestTypes.js';
import { RequestsRepository } from './modules/requests/requestsRepository.js';
import { RequestsService } from './modules/requests/requestsService.js';

/** The one place where repositories and services are built and wired. Tests build it with their own clock. */
export interface Container {
  config: Pick<Config, 'mode' | 'trustProxy' | 'logLevel' | 'redisUrl'>;
  database: Database;
  clock: Clock;
  assets: AssetStore;
  site: Site;
  jobs: Jobs;
  mailer: Mailer;
  mailbox: MailboxRepository;
  sessions: SessionStore;
  audit: AuditLog;
  communes: CommunesService;
  families: FamiliesRepository;
  /** The family file as families and agents change it. */
  familyFile: FamilyFileService;
  /** A parent invites the other responsible adult of the file by e-mail. */
  invitations: CoRepresentativeInvitations;
  /** Every procedure's requests: status, timeline, thread. */
  requests: RequestsService;
  news: NewsRepository;
  citizens: CitizensService;
  identifiers: IdentifiersService;
  childKeys: ChildKeysService;
  agents: AgentsService;
  /** Starts the background work (job workers); the HTTP side works without it. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildContainer(options: {
  config: Container['config'] & { now?: Date; smtpUrl?: string; publicUrl?: string };
  database: Database;
  clock?: Clock;
  assets?: AssetStore;
  jobs?: JobsOptions;
}): Promise<Container> {
  const { config, database } = options;
  const db = database.db;
  const clock = options.clock ?? (config.now ? startingClock(config.now) : systemClock);
  const site = new Site(config.publicUrl);
  const jobs = await openJobs(database, options.jobs);
  const mailer = new Mailer(jobs, config.smtpUrl ? smtpTransport(config.smtpUrl) : databaseTransport, db);
  const sessions = new SessionStore(db, clock);
  const audit = new AuditLog(db, clock);
  const families = new FamiliesRepository(db);
  const citizensRepository = new CitizensRepository(db);
  const tokens = new AccountTokensRepository(db);
  const throttles = new LoginThrottleRepository(db);
  const gate = new PasswordGate(db, throttles, clock);
  const childKeys = new ChildKeysService(db, clock, new ChildKeysRepository(db), families, citizensRepository, audit);
  // Housekeeping runs in every instance every quarter of an hour; it is idempotent and cheap.
  let housekeeping: NodeJS.Timeout | undefined;
  const communes = new CommunesService(new CommunesRepository(db), clock);
  const accountDeps = { db, clock, site, citizens: citizensRepository, tokens, gate, keys: childKeys, sessions, mailer, audit, jobs, communes };
  const citizens = new CitizensService(accountDeps);
  // Each module registers its kinds of request; the engine knows none of them.
  const requestTypes = new RequestTypes();
  requestTypes.register(familyChangeType(families));
  requestTypes.register(newMemberType(families));
  const requests = new RequestsService({ db, clock, site, requests: new RequestsRepository(db), types: requestTypes, families, mailer, audit });
  const familyFile = new FamilyFileService({ db, clock, families, requests, audit });
  return {
    config,
    database,
    clock,
    assets: options.assets ?? buildAssets(),
    site,
    jobs,
    mailer,
    mailbox: new MailboxRepository(db),
    sessions,
    audit,
    communes,
    families,
    familyFile,
    invitations: new CoRepresentativeInvitations({ db, clock, site, families, childKeys, mailer, audit }),
    requests,
    news: new NewsRepository(db),
    citizens,
    identifiers: new IdentifiersService(accountDeps),
    childKeys,
    agents: new AgentsService({ db, clock, site, agents: new AgentsRepository(db), tokens, gate, throttles, sessions, mailer, audit }),
    async start() {
      await jobs.start();
      await mailer.start();
      await citizens.startWorkers();
      housekeeping = setInterval(() => void purgeAccountsData(db, sessions, clock).catch(() => {}), 15 * 60_000);
      housekeeping.unref();
    },
    async stop() {
      clearInterval(housekeeping);
      await jobs.stop();
    },
  };
}
