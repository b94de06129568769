/**
 * What to do with a mail after an attempt to send it: pure rules, no I/O, time given. The retries
 * are ours, not the job queue's: their limit is a time (the relay may be away for an afternoon or a
 * weekend), and a mail whose link has died must not leave at all.
 */

/**
 * How long a relay that does not answer (or answers « try later ») is retried: longer than the
 * longest-lived link a mail carries (an agent's invitation, 72 h; an activation, 48 h), so that a
 * mail with a link stops because its link died, never before.
 */
export const RETRY_WINDOW_MS = 72 * 3600_000;

export interface Backoff {
  /** The wait after the first failure, doubled at each one. */
  firstSeconds: number;
  /** The longest wait: once the relay is back, a mail waits at most this long. */
  maxSeconds: number;
}

/** 10 s, 20 s, 40 s … then every 15 minutes. */
export const DEFAULT_BACKOFF: Backoff = { firstSeconds: 10, maxSeconds: 15 * 60 };

export interface DeliveryFailure {
  /** `temporary`: the relay may take it later; `permanent`: it refused this mail, trying again changes nothing. */
  kind: 'temporary' | 'permanent';
  /** What the guichet unique reads, in French. */
  reason: string;
}

export type NextStep =
  | { kind: 'retry'; afterSeconds: number }
  | { kind: 'failed'; reason: string }
  /** The link died before the mail could leave: wipe it, never send it. */
  | { kind: 'expired' };

export interface MailTimes {
  now: Date;
  /** When the link the mail carries stops working, if it carries one. */
  expiresAt: Date | null;
  /** The end of the retry window (queued, or sent again by an agent, plus RETRY_WINDOW_MS). */
  retryUntil: Date;
}

/** Before an attempt: a mail whose link has died is not sent. */
export function isExpired({ now, expiresAt }: Pick<MailTimes, 'now' | 'expiresAt'>): boolean {
  return expiresAt !== null && now.getTime() >= expiresAt.getTime();
}

/** After a failed attempt (`attempts` failures so far, this one included). */
export function afterFailure(
  times: MailTimes,
  attempts: number,
  failure: DeliveryFailure,
  backoff: Backoff = DEFAULT_BACKOFF,
): NextStep {
  if (failure.kind === 'permanent') return { kind: 'failed', reason: failure.reason };
  if (isExpired(times)) return { kind: 'expired' };
  const now = times.now.getTime();
  if (now >= times.retryUntil.getTime()) {
    return {
      kind: 'failed',
      reason: `${failure.reason} Le message n’a pas pu partir pendant ${RETRY_WINDOW_MS / 3600_000} heures.`,
    };
  }
  let seconds = Math.min(backoff.maxSeconds, backoff.firstSeconds * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  // The last tries fall on the link's end (to wipe it then) and on the window's (to say so then).
  const limit = Math.min(times.retryUntil.getTime(), times.expiresAt?.getTime() ?? Infinity);
  seconds = Math.min(seconds, Math.max(0, (limit - now) / 1000));
  return { kind: 'retry', afterSeconds: seconds };
}

/**
 * A relay's answer as a kind and a French reason. nodemailer gives the SMTP reply's code
 * (`responseCode`) when the relay answered, and a network code (`ECONNECTION`, `ETIMEDOUT`,
 * `ESOCKET`, `EDNS`) when it could not be reached.
 */
export function classifyFailure(error: unknown): DeliveryFailure {
  const { code, responseCode, response } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
  };
  const reply = typeof response === 'string' ? ` (réponse : « ${response.slice(0, 200)} »)` : '';
  if (typeof responseCode === 'number') {
    // A refused login is the relay's settings, not this mail's: once the operator fixes them, it leaves.
    if (code === 'EAUTH')
      return {
        kind: 'temporary',
        reason: `Le serveur d’envoi a refusé l’identification de l’espace citoyens${reply}.`,
      };
    if (responseCode >= 500) {
      const what = code === 'EENVELOPE' ? 'l’adresse du destinataire' : 'le message';
      return { kind: 'permanent', reason: `Le serveur d’envoi a refusé ${what}, code ${responseCode}${reply}.` };
    }
    if (responseCode >= 400)
      return {
        kind: 'temporary',
        reason: `Le serveur d’envoi a demandé de réessayer plus tard, code ${responseCode}${reply}.`,
      };
  }
  // nodemailer's own checks of the envelope (no valid recipient): the address itself is wrong.
  if (code === 'EENVELOPE') return { kind: 'permanent', reason: 'L’adresse du destinataire n’est pas valable.' };
  if (code === 'ETIMEDOUT') return { kind: 'temporary', reason: 'Le serveur d’envoi n’a pas répondu à temps.' };
  return { kind: 'temporary', reason: 'Le serveur d’envoi des e-mails est injoignable.' };
}
