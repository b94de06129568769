import { and, count, eq, gte } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import { communePaths } from '../../platform/views/paths.js';
import type { Citizen } from '../accounts/citizensRepository.js';
import type { ChildKeysService } from '../accounts/childKeysService.js';
import { greetingOf } from '../accounts/citizenGreeting.js';
import type { AuditLog } from '../audit/auditLog.js';
import { auditEvents } from '../audit/auditSchema.js';
import type { Commune } from '../communes/domain/commune.js';
import { adultRoleLabel } from './adultRoles.js';
import type { FamiliesRepository, FamilyAdult } from './familiesRepository.js';
import { invitationMail } from './coRepresentativeInvitationMail.js';

/** Each invitation mails a fresh key: a family sends a few a day, not a stream to any address. */
export const INVITATIONS_PER_DAY = 5;
const DAY_MS = 24 * 3600_000;
export const INVITED = 'co-representant.invited';

export type InvitationOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'too-many' };

interface Deps {
  db: Db;
  clock: Clock;
  site: Site;
  families: FamiliesRepository;
  childKeys: ChildKeysService;
  mailer: Mailer;
  audit: AuditLog;
}

/** The adults of the file a parent may invite: those not yet linked to an account (the parent's own is). */
export function invitableAdults(adults: FamilyAdult[]): FamilyAdult[] {
  return adults.filter((adult) => adult.citizenId === null);
}

/**
 * A parent invites the other responsible adult of the family file, who has no account yet: a new
 * Clé Enfance for that adult (the one not used yet stops working) is mailed to the address the
 * parent typed. The key, the mail and the audit line are written together or not at all.
 */
export class CoRepresentativeInvitations {
  constructor(private readonly deps: Deps) {}

  async invite(
    commune: Commune,
    familyId: string,
    inviter: Pick<Citizen, 'id' | 'username' | 'firstName' | 'lastName'>,
    adultId: string,
    email: string | null,
    ip: string,
  ): Promise<InvitationOutcome> {
    const { db, clock, families: repository, childKeys, mailer, audit, site } = this.deps;
    return inTransaction(db, async (tx): Promise<InvitationOutcome> => {
      // The family's row is the lock: two invitations sent at once are counted one after the other.
      const family = await repository.lockFamily(commune.id, familyId, tx);
      const adult = await repository.findAdult(commune.id, adultId, tx);
      const to = adult?.email || email;
      if (!family || !adult || !to || adult.familyId !== familyId || adult.citizenId !== null)
        return { ok: false, reason: 'not-found' };
      if (
        (await this.sentSince(commune.id, familyId, new Date(clock.now().getTime() - DAY_MS), tx)) >=
        INVITATIONS_PER_DAY
      )
        return { ok: false, reason: 'too-many' };
      const actor = { kind: 'citizen' as const, id: inviter.id, label: inviter.username };
      const issued = await childKeys.issue(commune, adultId, actor, ip, tx);
      if (!issued) return { ok: false, reason: 'not-found' };
      const signUpLink = `${site.origin}${communePaths(commune).signUp}?${new URLSearchParams({ cle: issued.key })}`;
      await mailer.queue(
        invitationMail(commune, {
          // The address the guichet unique recorded for that adult, when there is one: a parent
          // cannot send the other's key elsewhere. Only a file without it takes the address typed.
          to,
          greeting: greetingOf(adult),
          inviter: `${inviter.firstName} ${inviter.lastName.toLocaleUpperCase('fr-FR')}`,
          role: adultRoleLabel(adult.role, adult.civility).toLocaleLowerCase('fr-FR'),
          familyReference: family.reference,
          key: issued.key,
          signUpLink,
        }),
        { tx },
      );
      // Neither the key nor the address: the mail box holds them until the mail leaves.
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: INVITED,
          subject: { kind: 'family', id: familyId },
          ip,
          details: { adult: adultId },
        },
        tx,
      );
      return { ok: true };
    });
  }

  /** The family's invitations since an instant, read back from the audit log that records each one. */
  private async sentSince(communeId: string, familyId: string, since: Date, tx: Db): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.communeId, communeId),
          eq(auditEvents.action, INVITED),
          eq(auditEvents.subjectId, familyId),
          gte(auditEvents.at, since),
        ),
      );
    return row?.n ?? 0;
  }
}
