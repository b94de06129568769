import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import { communePaths } from '../../platform/views/paths.js';
import { localDayOf } from '../../shared/localDays.js';
import { greetingOf } from '../accounts/citizenGreeting.js';
import type { CommunesService } from '../communes/communesService.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository } from '../families/familiesRepository.js';
import type { ActivitySession, ServiceCatalogue } from '../services/serviceCatalogue.js';
import { promotesOn, promotions, sessionTiming } from './domain/sessionRules.js';
import { type SessionMailFacts, sessionMails } from './sessionMails.js';
import type { SessionBookingsRepository } from './sessionBookingsRepository.js';

export const PROMOTION_QUEUE = 'sessions.waiting-list';

interface PromotionRequest {
  communeId: string;
  /** To find the commune for the mails; its id decides, should the slug have changed since. */
  slug: string;
  sessionId: string;
}

interface Deps {
  db: Db;
  clock: Clock;
  site: Site;
  jobs: Jobs;
  communes: CommunesService;
  catalogue: ServiceCatalogue;
  families: FamiliesRepository;
  bookings: SessionBookingsRepository;
  mailer: Mailer;
}

/**
 * A freed place goes to the first on the waiting list (PRODUCT.md), through a durable job queued in
 * the transaction that freed it: the job exists only if the place really was given back, and a
 * process that dies before running it leaves it to another. The job decides under the session's
 * lock from the counters as they are then, so it can run twice, or late, and give each place once.
 */
export class WaitingListJob {
  constructor(private readonly deps: Deps) {}

  /** Queues a promotion in the caller's transaction, the one that gave a place back. */
  async queue(commune: Pick<Commune, 'id' | 'slug'>, sessionId: string, tx: Db): Promise<void> {
    await this.deps.jobs.send(
      PROMOTION_QUEUE,
      { communeId: commune.id, slug: commune.slug, sessionId } satisfies PromotionRequest,
      { tx },
    );
  }

  /** Registers the worker; call after `jobs.start()`. */
  async start(): Promise<void> {
    await this.deps.jobs.work<PromotionRequest>(PROMOTION_QUEUE, async (request) => {
      await this.promote(request.communeId, request.slug, request.sessionId);
    });
  }

  /**
   * While the session has free places, its lowest waiting ticket becomes a place, and the family's
   * accounts get a mail, all in one transaction under the session's lock. Returns how many children
   * got a place (0 when there is nothing to do: the job is idempotent).
   */
  async promote(communeId: string, slug: string, sessionId: string): Promise<number> {
    const { db, clock, bookings, catalogue } = this.deps;
    const commune = await this.communeOf(communeId, slug);
    if (!commune) return 0;
    return inTransaction(db, async (tx) => {
      const session = await bookings.lockSession(communeId, sessionId, tx);
      const now = clock.now();
      if (!session || !promotesOn(localDayOf(now), session)) return 0;
      const chosen = promotions(session, await bookings.waiting(communeId, sessionId, tx));
      if (chosen.length === 0) return 0;
      const service = await catalogue.service(communeId, session.serviceId, tx);
      const timing = service ? sessionTiming(now, session, service.rule) : null;
      const onTimeUntil = timing?.timing === 'on-time' ? timing.onTimeUntil : null;
      for (const booking of chosen) {
        await bookings.promote(communeId, booking.id, now, tx);
        await this.tellFamily(commune, booking.familyId, tx, (to) =>
          sessionMails.placeFreed(commune, to, this.facts(commune, session, booking.firstName), onTimeUntil),
        );
      }
      await bookings.setCounters(
        communeId,
        sessionId,
        { booked: session.booked + chosen.length, waitlistNext: session.waitlistNext },
        tx,
      );
      return chosen.length;
    });
  }

  /** What the session's mails say of it, and the link to the family's page. */
  facts(commune: Commune, session: ActivitySession, childFirstName: string): SessionMailFacts {
    return {
      childFirstName,
      sessionName: session.name,
      startsOn: session.startsOn,
      endsOn: session.endsOn,
      link: `${this.deps.site.origin}${communePaths(commune).holidayActivities}`,
    };
  }

  /** A mail to each account linked to the family, queued in the transaction. */
  async tellFamily(
    commune: Commune,
    familyId: string,
    tx: Db,
    mail: (to: { email: string; greeting: string }) => Parameters<Mailer['queue']>[0],
  ): Promise<void> {
    const holders = await this.deps.families.accountHolders(commune.id, familyId, tx);
    for (const holder of holders)
      await this.deps.mailer.queue(mail({ email: holder.email, greeting: greetingOf(holder) }), { tx });
  }

  private async communeOf(communeId: string, slug: string): Promise<Commune | null> {
    const bySlug = await this.deps.communes.resolve(slug);
    if (bySlug?.id === communeId) return bySlug;
    return (await this.deps.communes.directory()).find((commune) => commune.id === communeId) ?? null;
  }
}
