import { isUniqueViolation } from '../../platform/db/errors.js';
import { refused } from '../../shared/outcome.js';
import type { CurrentPasswordRefused, Taken, WeakPassword } from './accountRefusals.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { communePaths } from '../../platform/views/paths.js';
import type { Commune } from '../communes/domain/commune.js';
import { tokenExpiry } from './accountTokensRepository.js';
import { accountMails } from './accountMails.js';
import { greetingOf } from './citizenGreeting.js';
import type { Citizen } from './citizensRepository.js';
import type { AccountsDeps } from './citizensService.js';
import { checkPassword } from './domain/passwordPolicy.js';
import { hashPassword } from './passwordHasher.js';
import type { Session } from '../../platform/sessions/sessionStore.js';

/**
 * « Identifiants » in Mon espace: username, e-mail, password. Changing any of them
 * needs the current password (SECURITY.md), checked under the same brute-force counters as the login.
 */
export class IdentifiersService {
  constructor(private readonly deps: AccountsDeps) {}

  private link(commune: Commune, path: string): string {
    return `${this.deps.site.origin}${communePaths(commune).home}${path}`;
  }

  private async checkCurrent(
    commune: Commune,
    citizen: Citizen,
    password: string,
  ): Promise<CurrentPasswordRefused | null> {
    const checked = await this.deps.gate.check(
      commune.id,
      { realm: 'citizen', accountId: citizen.id, typedName: citizen.username },
      citizen.passwordHash,
      password,
    );
    if (checked.ok) return null;
    return checked.locked ? refused('password-locked', { until: checked.locked }) : refused('wrong-password');
  }

  /**
   * The current password first, under the login's counters: whether the new name is free is said only
   * to the account's owner, as the login, the sign-up and the reset take care not to tell anyone else.
   */
  async changeUsername(
    commune: Commune,
    citizen: Citizen,
    username: string,
    currentPassword: string,
    ip: string,
  ): Promise<{ ok: true } | CurrentPasswordRefused | Taken> {
    const { db, citizens, audit } = this.deps;
    const problem = await this.checkCurrent(commune, citizen, currentPassword);
    if (problem) return problem;
    try {
      await inTransaction(db, async (tx) => {
        await citizens.update(commune.id, citizen.id, { username: username.trim() }, tx);
        await audit.record(
          {
            communeId: commune.id,
            actor: { kind: 'citizen', id: citizen.id, label: username.trim() },
            action: 'citizen.username.changed',
            ip,
            details: { before: citizen.username },
          },
          tx,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) return refused('username-taken');
      throw error;
    }
    return { ok: true };
  }

  /** The new address takes effect only once its owner follows the link sent to it; the old address is told. */
  async requestEmailChange(
    commune: Commune,
    citizen: Citizen,
    email: string,
    currentPassword: string,
    ip: string,
  ): Promise<{ ok: true } | CurrentPasswordRefused> {
    const { db, clock, tokens, mailer, audit } = this.deps;
    const problem = await this.checkCurrent(commune, citizen, currentPassword);
    if (problem) return problem;
    await inTransaction(db, async (tx) => {
      const now = clock.now();
      const token = await tokens.issue(
        {
          communeId: commune.id,
          realm: 'citizen',
          subjectId: citizen.id,
          purpose: 'email-change',
          now,
          newEmail: email.trim(),
        },
        tx,
      );
      const greeting = greetingOf(citizen);
      const link = this.link(commune, `/confirmer-e-mail?jeton=${encodeURIComponent(token)}`);
      await mailer.queue(accountMails.confirmNewEmail(commune, { email: email.trim(), greeting }, link), {
        tx,
        expiresAt: tokenExpiry('email-change', now),
      });
      await mailer.queue(accountMails.emailChangeRequested(commune, { email: citizen.email, greeting }, email.trim()), {
        tx,
      });
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
          action: 'citizen.email.change-requested',
          ip,
        },
        tx,
      );
    });
    return { ok: true };
  }

  async emailChangeIsLive(commune: Commune, token: string): Promise<string | null> {
    const live = await this.deps.tokens.peek(commune.id, token, 'email-change', this.deps.clock.now());
    return live?.newEmail ?? null;
  }

  async confirmEmailChange(commune: Commune, token: string, ip: string): Promise<'done' | 'expired' | 'taken'> {
    const { db, clock, tokens, citizens, mailer, audit } = this.deps;
    try {
      return await inTransaction(db, async (tx) => {
        const used = await tokens.consume(commune.id, token, 'email-change', clock.now(), tx);
        if (!used?.newEmail) return 'expired';
        const before = await citizens.findById(commune.id, used.subjectId, tx);
        if (!before) return 'expired';
        await citizens.update(commune.id, used.subjectId, { email: used.newEmail }, tx);
        // The old address is told when the change takes effect, not only when it was asked for.
        await mailer.queue(
          accountMails.emailChanged(commune, { email: before.email, greeting: greetingOf(before) }, used.newEmail),
          { tx },
        );
        await audit.record(
          {
            communeId: commune.id,
            actor: { kind: 'citizen', id: used.subjectId },
            action: 'citizen.email.changed',
            ip,
          },
          tx,
        );
        return 'done';
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  /** A new password: the other sessions end (the current one stays), and the owner is told by e-mail. */
  async changePassword(
    commune: Commune,
    citizen: Citizen,
    session: Session,
    currentPassword: string,
    password: string,
    ip: string,
  ): Promise<{ ok: true } | WeakPassword | CurrentPasswordRefused> {
    const { db, clock, citizens, sessions, tokens, mailer, audit } = this.deps;
    const policy = checkPassword(password, {
      username: citizen.username,
      email: citizen.email,
      communeName: commune.name,
    });
    if (policy) return refused('weak-password', { problem: policy });
    const problem = await this.checkCurrent(commune, citizen, currentPassword);
    if (problem) return problem;
    const passwordHash = await hashPassword(password);
    await inTransaction(db, async (tx) => {
      await citizens.update(commune.id, citizen.id, { passwordHash }, tx);
      await sessions.destroyAllOf('citizen', citizen.id, { except: session, tx });
      await tokens.revokeAll(citizen.id, clock.now(), tx);
      await mailer.queue(
        accountMails.passwordChanged(
          commune,
          { email: citizen.email, greeting: greetingOf(citizen) },
          clock.now(),
          this.link(commune, '/connexion'),
        ),
        { tx },
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
          action: 'citizen.password.changed',
          ip,
        },
        tx,
      );
    });
    return { ok: true };
  }
}
