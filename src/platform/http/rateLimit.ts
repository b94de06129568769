import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { DomainError } from '../../shared/errors.js';

/**
 * Too many tries from one address, or too many writes from one account: the page says when to come
 * back, and Retry-After says it to machines.
 */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    readonly what: 'tries' | 'writes' = 'tries',
  ) {
    super('too many requests');
  }
}

/** A per-address limit on a route, e.g. `{ config: { rateLimit: perAddress(30, 15) } }`. */
export function perAddress(max: number, minutes: number): RateLimitOptions {
  return { max, timeWindow: minutes * 60_000 };
}

/**
 * A per-account limit shared by every route of a group, e.g. every family write that creates
 * booking rows. Counted after the door's hooks (session loaded, CSRF checked, login required), so
 * the key is the logged-in account, and a refused request reaches no handler: nothing is written.
 */
export function perAccount(group: string, max: number, hours: number): RateLimitOptions {
  return {
    max,
    timeWindow: hours * 3_600_000,
    hook: 'preHandler',
    groupId: group,
    keyGenerator: (request) =>
      `${request.commune?.id ?? '-'}:${request.session ? `account:${request.session.subjectId}` : request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError(Math.max(1, Math.ceil(context.ttl / 1000)), 'writes'),
  };
}

export type RedisState = 'up' | 'degraded';

export interface RateLimits {
  /** How the shared counters are: undefined without REDIS_URL (each instance counts in memory by design). */
  redisState(): RedisState | undefined;
}

/**
 * Per-address limits on the forms an attacker would hammer (login, sign-up, reset, keys) and
 * per-account limits on the family's writes. With REDIS_URL every instance counts in the same
 * place; without it each instance counts in memory, which is right for the single process of the
 * embedded database. When Redis does not answer, each instance counts in its own memory until it
 * answers again: a limit is never switched off (SECURITY.md: Redis down leaves each instance
 * counting on its own). Only routes that ask for a limit have one (`global: false`).
 */
export async function registerRateLimit(app: FastifyInstance, redisUrl: string | undefined): Promise<RateLimits> {
  const link = redisUrl ? await RedisLink.open(redisUrl, app.log) : undefined;
  if (link) app.addHook('onClose', async () => link.close());
  const counters = new Counters(link);
  await app.register(rateLimit, {
    global: false,
    // The plugin builds its store with `new`; a constructor that returns an object gives that object.
    store: class {
      constructor() {
        return counters;
      }
    } as unknown as NonNullable<RateLimitOptions['store']>,
    keyGenerator: (request) => `${request.commune?.id ?? '-'}:${request.ip}`,
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  return { redisState: () => link?.state() };
}

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** The store @fastify/rate-limit asks: one per route, or one per group shared by its routes. */
class Counters {
  constructor(
    private readonly link: RedisLink | undefined,
    private readonly local = new LocalCounters(),
    private readonly name = '',
  ) {}

  child(routeOptions: { groupId?: string; routeInfo?: { method?: string; url?: string } }): Counters {
    const route = routeOptions.routeInfo;
    return new Counters(this.link, this.local, routeOptions.groupId ?? `${route?.method ?? ''}${route?.url ?? ''}`);
  }

  incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
    // The name keeps each route's (or group's) counts apart, in memory as in Redis.
    const fullKey = `${this.name}|${key}`;
    if (!this.link?.usable()) return callback(null, this.local.incr(fullKey, timeWindow));
    this.link.incr(fullKey, timeWindow).then(
      (result) => callback(null, result),
      () => callback(null, this.local.incr(fullKey, timeWindow)),
    );
  }
}

/**
 * Fixed windows in this process's memory, at most MAX_KEYS at once (the oldest go first). Real
 * time, not the portal's clock: Redis counts in real time too, and a limit protects the machine.
 */
class LocalCounters {
  static readonly MAX_KEYS = 20_000;
  readonly #windows = new Map<string, { count: number; endsAt: number }>();

  incr(key: string, timeWindow: number): Result {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.endsAt <= now) {
      this.#windows.delete(key);
      if (this.#windows.size >= LocalCounters.MAX_KEYS) this.#windows.delete(this.#windows.keys().next().value!);
      window = { count: 0, endsAt: now + timeWindow };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { current: window.count, ttl: window.endsAt - now };
  }
}

// INCR, and the window's expiry set by the first count: one round trip, atomic across instances.
const INCR_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {current, ttl}
`;

const RETRY_AFTER_FAILURE_MS = 10_000;

/**
 * The connection to Redis and what the portal knows of it. Commands are sent only while it is
 * ready; ioredis keeps reconnecting in the background, and the counters go back to Redis as soon as
 * it answers. Each change is logged once, not at every reconnection attempt.
 */
class RedisLink {
  /** After a refused command while connected, memory is used until this instant, then Redis is tried again. */
  #failedUntil = 0;
  #degradedLogged = false;
  #closing = false;

  private constructor(
    private readonly redis: Redis,
    private readonly log: FastifyBaseLogger,
  ) {
    redis.on('error', (error) => this.#fail(error));
    redis.on('ready', () => {
      this.#failedUntil = 0;
      this.#recovered();
    });
    redis.on('close', () => {
      if (!this.#closing) this.#fail(new Error('connection to redis closed'));
    });
  }

  /** Waits for the first connection to succeed or fail, so that the first requests count in the right place. */
  static async open(url: string, log: FastifyBaseLogger): Promise<RedisLink> {
    // Loaded only when the counters go to Redis: a portal on one machine never needs it (ADR 0038).
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    const link = new RedisLink(redis, log);
    await new Promise<void>((resolve) => {
      const settle = () => {
        redis.off('ready', settle);
        redis.off('error', settle);
        resolve();
      };
      redis.once('ready', settle);
      redis.once('error', settle);
    });
    return link;
  }

  usable(): boolean {
    return this.redis.status === 'ready' && Date.now() >= this.#failedUntil;
  }

  state(): RedisState {
    return this.usable() ? 'up' : 'degraded';
  }

  async incr(key: string, timeWindow: number): Promise<Result> {
    try {
      const [current, ttl] = (await this.redis.eval(INCR_SCRIPT, 1, `parvis-limit-${key}`, timeWindow)) as [
        number,
        number,
      ];
      this.#recovered();
      return { current, ttl };
    } catch (error) {
      // A command refused while connected (e.g. Redis out of memory): memory for a while, then Redis again.
      if (this.redis.status === 'ready') this.#failedUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
      this.#fail(error as Error);
      throw error;
    }
  }

  close(): void {
    this.#closing = true;
    this.redis.disconnect();
  }

  #recovered(): void {
    if (!this.#degradedLogged) return;
    this.#degradedLogged = false;
    this.log.info('redis answers again: the limits are counted in Redis, shared by every instance');
  }

  #fail(error: Error): void {
    if (this.#degradedLogged) return;
    this.#degradedLogged = true;
    this.log.warn(
      { err: error },
      'redis unavailable: each instance counts the limits in its own memory until it answers again',
    );
  }
}
