import type { Clock } from '../../platform/clock.js';
import { refused } from '../../shared/outcome.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import type { OpenedSession, Session, SessionStore } from '../../platform/sessions/sessionStore.js';
import { communePaths } from '../../platform/views/paths.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { accountMails } from './accountMails.js';
import { type AccountTokensRepository, tokenExpiry } from './accountTokensRepository.js';
import { greetingOf } from './citizenGreeting.js';
import type { Citizen, CitizenAtDoor, CitizensRepository } from './citizensRepository.js';
import { type ChildKeysService, KeyRefusedError } from './childKeysService.js';
import type { ChildKeyRefused, LinkExpired, WeakPassword } from './accountRefusals.js';
import { checkPassword } from './domain/passwordPolicy.js';
import { LoginSuccessWriter } from './loginSuccessWriter.js';
import { hashPassword } from './passwordHasher.js';
import type { PasswordGate } from './passwordGate.js';

export interface SignUpInput {
  civility: string;
  firstName: string;
  lastName: string;
  street: string;
  streetComplement: string;
  postcode: string;
  city: string;
  mobilePhone: string;
  homePhone: string;
  email: string;
  username: string;
  password: string;
  childKey: string;
}

/** Why a sign-up was refused for what the form itself cannot know; the HTTP layer words it beside its field. */
export type SignUpRefused = WeakPassword | ChildKeyRefused;

export type LoginOutcome =
  | { ok: true; citizen: Citizen; session: OpenedSession }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; until: Date }
  | { ok: false; reason: 'not-activated' };

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  site: Site;
  citizens: CitizensRepository;
  tokens: AccountTokensRepository;
  gate: PasswordGate;
  keys: ChildKeysService;
  sessions: SessionStore;
  mailer: Mailer;
  audit: AuditLog;
  jobs: Jobs;
  communes: { resolve(slug: string): Promise<Commune | null> };
}

/** The job behind « J'ai oublié mon mot de passe » and « Renvoyer le lien ». */
interface MailedLinkRequest {
  slug: string;
  identifier: string;
  ip: string;
}
const RESET_QUEUE = 'accounts.reset-requested';
const RESEND_QUEUE = 'accounts.activation-resend-requested';

/**
 * A family's account: sign-up, activation, login, password reset. Every answer that could tell
 * whether an account exists is the same either way (SECURITY.md: no enumeration); what differs
 * goes by e-mail, to the address's owner.
 */
export class CitizensService {
  private readonly loginSuccess: LoginSuccessWriter;

  constructor(private readonly deps: AccountsDeps) {
    this.loginSuccess = new LoginSuccessWriter(deps);
  }

  private link(commune: Commune, path: string): string {
    return `${this.deps.site.origin}${communePaths(commune).home}${path}`;
  }

  async signUp(commune: Commune, input: SignUpInput, ip: string): Promise<{ ok: true } | SignUpRefused> {
    const { db, clock, citizens, tokens, mailer, audit, keys } = this.deps;
    const problem = checkPassword(input.password, {
      username: input.username,
      email: input.email,
      communeName: commune.name,
    });
    if (problem) return refused('weak-password', { problem });
    if (input.childKey) {
      const key = await keys.check(commune, input.childKey, ip);
      if (key !== 'ok') return refused('child-key', { key });
    }
    // Hashed whatever happens next, so that a taken name or address takes the same time as a new one.
    const passwordHash = await hashPassword(input.password);
    const now = clock.now();
    try {
      await inTransaction(db, async (tx) => {
        const owner = await citizens.findByEmail(commune.id, input.email, tx);
        if (owner) {
          await mailer.queue(accountMails.emailAlreadyUsed(commune, owner.email, this.link(commune, '/connexion')), {
            tx,
          });
          return;
        }
        const citizen = await citizens.insert(
          {
            communeId: commune.id,
            username: input.username.trim(),
            email: input.email.trim(),
            civility: input.civility,
            firstName: input.firstName.trim(),
            lastName: input.lastName.trim(),
            street: input.street.trim(),
            streetComplement: input.streetComplement.trim(),
            postcode: input.postcode.trim(),
            city: input.city.trim(),
            mobilePhone: input.mobilePhone.trim(),
            homePhone: input.homePhone.trim(),
            passwordHash,
            status: 'pending',
            termsAcceptedAt: now,
            createdAt: now,
          },
          tx,
        );
        if (!citizen) {
          await mailer.queue(
            accountMails.usernameTaken(
              commune,
              input.email.trim(),
              input.username.trim(),
              this.link(commune, '/creer-mon-espace'),
            ),
            { tx },
          );
          return;
        }
        if (input.childKey) await keys.redeem(commune, input.childKey, citizen, ip, tx);
        const token = await tokens.issue(
          { communeId: commune.id, realm: 'citizen', subjectId: citizen.id, purpose: 'activation', now },
          tx,
        );
        await mailer.queue(
          accountMails.activation(
            commune,
            { email: citizen.email, greeting: greetingOf(citizen) },
            this.activationLink(commune, token),
          ),
          { tx, expiresAt: tokenExpiry('activation', now) },
        );
        await audit.record(
          {
            communeId: commune.id,
            actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
            action: 'citizen.signed-up',
            ip,
            details: { withKey: Boolean(input.childKey) },
          },
          tx,
        );
      });
    } catch (error) {
      if (error instanceof KeyRefusedError) return refused('child-key', { key: 'unknown' as const });
      throw error;
    }
    return { ok: true };
  }

  private activationLink(commune: Commune, token: string): string {
    return this.link(commune, `/activation?jeton=${encodeURIComponent(token)}`);
  }

  /** Whether an activation link still works: the page then offers the button that uses it. */
  async activationIsLive(commune: Commune, token: string): Promise<boolean> {
    return (await this.deps.tokens.peek(commune.id, token, 'activation', this.deps.clock.now())) !== null;
  }

  async activate(commune: Commune, token: string, ip: string): Promise<boolean> {
    const { db, clock, tokens, citizens, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      const used = await tokens.consume(commune.id, token, 'activation', clock.now(), tx);
      if (!used) return false;
      await citizens.update(commune.id, used.subjectId, { status: 'active', activatedAt: clock.now() }, tx);
      await tokens.revokeAll(used.subjectId, clock.now(), tx);
      await audit.record(
        { communeId: commune.id, actor: { kind: 'citizen', id: used.subjectId }, action: 'citizen.activated', ip },
        tx,
      );
      return true;
    });
  }

  /**
   * The forms that send a link answer after queuing a job, whatever the name typed: the lookup and
   * the mail happen in the job, so the answer takes the same time whether an account exists or not.
   */
  async startWorkers(): Promise<void> {
    const { jobs, communes } = this.deps;
    const handle =
      (work: (commune: Commune, request: MailedLinkRequest) => Promise<void>) => async (request: MailedLinkRequest) => {
        const commune = await communes.resolve(request.slug);
        if (commune) await work(commune, request);
      };
    await jobs.work<MailedLinkRequest>(
      RESET_QUEUE,
      handle((commune, r) => this.sendResetLink(commune, r.identifier, r.ip)),
    );
    await jobs.work<MailedLinkRequest>(
      RESEND_QUEUE,
      handle((commune, r) => this.sendActivationAgain(commune, r.identifier)),
    );
  }

  /** « Renvoyer le lien »: a new link if a pending account answers to the name (in a job); the same answer otherwise. */
  async resendActivation(commune: Commune, identifier: string, ip: string): Promise<void> {
    await this.deps.jobs.send(RESEND_QUEUE, { slug: commune.slug, identifier, ip } satisfies MailedLinkRequest);
  }

  private async sendActivationAgain(commune: Commune, identifier: string): Promise<void> {
    const { db, clock, citizens, tokens, mailer } = this.deps;
    const citizen = await citizens.findByLogin(commune.id, identifier);
    if (!citizen || citizen.status !== 'pending') return;
    await inTransaction(db, async (tx) => {
      const now = clock.now();
      const token = await tokens.issue(
        { communeId: commune.id, realm: 'citizen', subjectId: citizen.id, purpose: 'activation', now },
        tx,
      );
      await mailer.queue(
        accountMails.activation(
          commune,
          { email: citizen.email, greeting: greetingOf(citizen) },
          this.activationLink(commune, token),
        ),
        { tx, expiresAt: tokenExpiry('activation', now) },
      );
    });
  }

  /**
   * A login in three statements when nothing races it: the account and its counters read together,
   * the try counted before the password check, then everything a success writes (`LoginSuccessWriter`),
   * the new session included: the route only gives its cookie.
   */
  async login(commune: Commune, identifier: string, password: string, ip: string): Promise<LoginOutcome> {
    const { citizens, gate, audit } = this.deps;
    const { citizen, counters } = await citizens.findForLogin(commune.id, identifier);
    const attempt = { realm: 'citizen' as const, accountId: citizen?.id ?? null, typedName: identifier, counters };
    const checked = await gate.checkLeavingTryCounted(commune.id, attempt, citizen?.passwordHash ?? null, password);
    if (!checked.ok) {
      const actor = { kind: 'citizen' as const, id: citizen?.id ?? null, label: citizen?.username ?? '' };
      await audit.record({
        communeId: commune.id,
        actor,
        action: 'citizen.login.failed',
        ip,
        details: { known: Boolean(citizen), locked: Boolean(checked.locked) },
      });
      return checked.locked ? { ok: false, reason: 'locked', until: checked.locked } : { ok: false, reason: 'wrong' };
    }
    if (!citizen || citizen.status !== 'active') {
      await gate.takeBack(checked.counted);
      return citizen ? { ok: false, reason: 'not-activated' } : { ok: false, reason: 'wrong' };
    }
    const session = await this.loginSuccess.write({ communeId: commune.id, citizen, ip, counted: checked.counted });
    return {
      ok: true,
      citizen: { ...citizen, previousLoginAt: citizen.lastLoginAt, lastLoginAt: session.session.createdAt },
      session,
    };
  }

  /** « J'ai oublié mon mot de passe »: a link by e-mail if the name is an account's (in a job); the same answer otherwise. */
  async forgotPassword(commune: Commune, identifier: string, ip: string): Promise<void> {
    await this.deps.jobs.send(RESET_QUEUE, { slug: commune.slug, identifier, ip } satisfies MailedLinkRequest);
  }

  private async sendResetLink(commune: Commune, identifier: string, ip: string): Promise<void> {
    const { db, clock, citizens, tokens, mailer, audit } = this.deps;
    const citizen = await citizens.findByLogin(commune.id, identifier);
    if (!citizen) return;
    await inTransaction(db, async (tx) => {
      const now = clock.now();
      const token = await tokens.issue(
        { communeId: commune.id, realm: 'citizen', subjectId: citizen.id, purpose: 'reset', now },
        tx,
      );
      await mailer.queue(
        accountMails.reset(
          commune,
          { email: citizen.email, greeting: greetingOf(citizen) },
          this.link(commune, `/mot-de-passe-oublie/nouveau?jeton=${encodeURIComponent(token)}`),
        ),
        { tx, expiresAt: tokenExpiry('reset', now) },
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
          action: 'citizen.reset.requested',
          ip,
        },
        tx,
      );
    });
  }

  async resetIsLive(commune: Commune, token: string): Promise<boolean> {
    return (await this.deps.tokens.peek(commune.id, token, 'reset', this.deps.clock.now())) !== null;
  }

  /** A new password from a reset link: every session of the account ends, and the owner is told by e-mail. */
  async resetPassword(
    commune: Commune,
    token: string,
    password: string,
    ip: string,
  ): Promise<{ ok: true } | WeakPassword | LinkExpired> {
    const { db, clock, citizens, tokens, sessions, mailer, audit } = this.deps;
    const live = await tokens.peek(commune.id, token, 'reset', clock.now());
    const citizen = live ? await citizens.findById(commune.id, live.subjectId) : null;
    if (!live || !citizen) return refused('expired');
    const problem = checkPassword(password, {
      username: citizen.username,
      email: citizen.email,
      communeName: commune.name,
    });
    if (problem) return refused('weak-password', { problem });
    const passwordHash = await hashPassword(password);
    const done = await inTransaction(db, async (tx) => {
      const now = clock.now();
      if (!(await tokens.consume(commune.id, token, 'reset', now, tx))) return false;
      // The link proves the owner: the wrong-password delay that may have sent them here is lifted.
      // The counters before the account's row, in the order a login's success writes them: a reset
      // and a login of the same account never wait for each other crosswise.
      await this.deps.gate.clear(commune.id, 'citizen', citizen.id, [citizen.username, citizen.email], tx);
      // Following the link proves the address: a pending account becomes active.
      await citizens.update(
        commune.id,
        citizen.id,
        { passwordHash, status: 'active', activatedAt: citizen.activatedAt ?? now },
        tx,
      );
      await sessions.destroyAllOf('citizen', citizen.id, { tx });
      await tokens.revokeAll(citizen.id, now, tx);
      await mailer.queue(
        accountMails.passwordChanged(
          commune,
          { email: citizen.email, greeting: greetingOf(citizen) },
          now,
          this.link(commune, '/connexion'),
        ),
        { tx },
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
          action: 'citizen.reset.done',
          ip,
        },
        tx,
      );
      return true;
    });
    return done ? { ok: true } : refused('expired');
  }

  /**
   * The live citizen session behind a cookie, with its account and the account's family, read in one
   * statement; the store's checks (commune, door, idle and absolute timeouts) still decide.
   */
  sessionAtDoor(commune: Commune, token: string): Promise<{ session: Session; with: CitizenAtDoor } | null> {
    return this.deps.sessions.loadWith(token, commune.id, 'citizen', (idHash) =>
      this.deps.citizens.findSession(commune.id, idHash),
    );
  }

  async findById(commune: Commune, id: string): Promise<Citizen | null> {
    return this.deps.citizens.findById(commune.id, id);
  }
}
