import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { isCalendarDay, isCalendarMonth, LAST_CALENDAR_DAY } from '../../shared/localDays.js';

/**
 * The query string, read the one way every route reads it. An address is typed, pasted, shortened
 * by a mail client or forged: whatever it holds, a route sees either a plain, bounded string or
 * nothing, and its choice falls back to the nearest valid value (the current month, no filter).
 */

/** No parameter of the portal is longer (a name searched, a link's token, an audit text): a longer one is nobody's. */
export const MAX_QUERY_VALUE = 500;

export type QueryValues = Readonly<Record<string, string | undefined>>;

/**
 * One parameter as a route may use it: the first of a repeated parameter (`?x=a&x=b`), never an array
 * or an object (`x[a]=b`), NFC, and absent when it is longer than any parameter of the portal or holds
 * a control character (a NUL, which PostgreSQL refuses, or a line break).
 */
export function queryValue(raw: unknown): string | undefined {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== 'string' || first.length > MAX_QUERY_VALUE || /\p{Cc}/u.test(first)) return undefined;
  return first.normalize('NFC');
}

/**
 * The query string as plain optional strings. Each parameter is read when the route names it, so a
 * query string of many parameters costs only those the route uses.
 */
export function queryOf(request: FastifyRequest): QueryValues {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  return new Proxy(Object.create(null) as Record<string, string | undefined>, {
    get: (_target, key) => (typeof key === 'string' && Object.hasOwn(raw, key) ? queryValue(raw[key]) : undefined),
  });
}

/**
 * Reads the query string with a schema whose every field falls back (`.catch`) to its default:
 * parameters are choices made by links, so a wrong one shows the nearest page rather than an error.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, request: FastifyRequest): z.output<S> {
  const values = queryOf(request);
  const read: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) read[key] = values[key];
  return schema.parse(read);
}

/** The query string of a route declared with `queryParams(schema)`, as its handler reads it. */
export type QueryParams<S extends z.ZodObject> = z.output<S>;

/**
 * The route's schema for its query string, as `idParams` is for its path: a Zod object whose every
 * field falls back (`.catch`), read the bounded way (`queryOf`) before the handler, which finds the
 * result in `request.query`, typed by the same schema:
 *
 *   app.get<{ Querystring: QueryParams<typeof monthPage> }>('/…', queryParams(monthPage), handler)
 *
 * A wrong value is the field's fallback (the current month, no filter), never a 400. It spreads beside
 * `idParams` and a door's `config` (`{ ...idParams('memberId'), ...queryParams(monthPage) }`).
 */
export function queryParams<S extends z.ZodObject>(schema: S): RouteShorthandOptions {
  return {
    preValidation: async (request: FastifyRequest) => {
      request.query = parseQuery(schema, request);
    },
  };
}

/** A month of the portal's calendar, 'YYYY-MM' from 2000-01 to 2100-12; anything else is no month. */
export const monthQuery = z
  .string()
  .refine((value) => isCalendarMonth(value))
  .optional()
  .catch(undefined);

/** A day of the portal's calendar, 'YYYY-MM-DD' from 2000 to 2100; anything else is no day. */
export const dayQuery = z
  .string()
  .refine((value) => isCalendarDay(value))
  .optional()
  .catch(undefined);

/** The last instant an address may name: the end of the portal's calendar. */
const LAST_INSTANT_MS = Date.parse(`${LAST_CALENDAR_DAY}T23:59:59.999Z`);

/** An instant written in milliseconds since 1970 (a confirmation's, in the address it redirects to), within the portal's calendar. */
export const instantQuery = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)
  .refine((ms) => ms <= LAST_INSTANT_MS)
  .transform((ms) => new Date(ms))
  .optional()
  .catch(undefined);

/** One of a few words (a view, a notice after a redirect); anything else is none. */
export const choiceQuery = <const T extends readonly [string, ...string[]]>(choices: T) =>
  z.enum(choices).optional().catch(undefined);

/**
 * The notice named by a `?fait=` after an action (post / redirect / get), from the route's own
 * table: a name the table does not hold, `constructor` included, names nothing.
 */
export function noticeNamed(notices: Readonly<Record<string, string>>, name: string | undefined): string | undefined {
  return name !== undefined && Object.hasOwn(notices, name) ? notices[name] : undefined;
}
