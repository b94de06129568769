/**
 * How a use case says it did not do what was asked: a typed reason, never a French sentence (the
 * HTTP layer words it) and never `null` for one thing and an exception for another. A route turns
 * a refusal into its answer with `answerRefusal` (src/platform/http/refusals.ts): `not-found` is
 * the 404 page, every other reason the route's own page with the reason worded.
 */
export type Refused<Reason extends string, Details extends object = Record<never, never>> = {
  readonly ok: false;
  readonly reason: Reason;
} & Details;

/** What a use case did (`ok: true` with its result), or why it refused. */
export type Outcome<Result extends object, Refusal extends Refused<string>> =
  ({ readonly ok: true } & Result) | Refusal;

/** The object asked for does not exist, or is not the asker's: both read as « not found », on purpose. */
export type NotFound = Refused<'not-found'>;

export const notFound: NotFound = Object.freeze({ ok: false, reason: 'not-found' });

export function refused<Reason extends string>(reason: Reason): Refused<Reason>;
export function refused<Reason extends string, Details extends object>(
  reason: Reason,
  details: Details,
): Refused<Reason, Details>;
export function refused(reason: string, details: object = {}): Refused<string> {
  return { ...details, ok: false, reason };
}

/** The refusals of an outcome type, e.g. `RefusalOf<DeskOutcome>['reason']` for its reasons. */
export type RefusalOf<O extends { ok: boolean }> = Exclude<O, { ok: true }>;
