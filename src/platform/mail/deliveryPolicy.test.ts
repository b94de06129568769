import { describe, expect, it } from 'vitest';
import { RETRY_WINDOW_MS, afterFailure, classifyFailure, isExpired } from './deliveryPolicy.js';

const HOUR = 3600_000;
const t0 = new Date('2026-11-02T12:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const away = { kind: 'temporary' as const, reason: 'Le serveur d’envoi des e-mails est injoignable.' };

describe('classifyFailure', () => {
  it('retries what may pass later: no answer, a timeout, « try later » (4xx), a refused login', () => {
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toEqual(away);
    expect(classifyFailure(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })).kind).toBe(
      'temporary',
    );
    expect(
      classifyFailure(
        Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 try later' }),
      ),
    ).toEqual({
      kind: 'temporary',
      reason: 'Le serveur d’envoi a demandé de réessayer plus tard, code 451 (réponse : « 451 4.3.0 try later »).',
    });
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'EAUTH', responseCode: 535 })).kind).toBe('temporary');
    expect(classifyFailure(new Error('anything else')).kind).toBe('temporary');
  });

  it('does not retry a refusal of the address or of the message (5xx)', () => {
    expect(
      classifyFailure(
        Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 unknown user' }),
      ),
    ).toEqual({
      kind: 'permanent',
      reason: 'Le serveur d’envoi a refusé l’adresse du destinataire, code 550 (réponse : « 550 5.1.1 unknown user »).',
    });
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'EMESSAGE', responseCode: 554 })).reason).toBe(
      'Le serveur d’envoi a refusé le message, code 554.',
    );
    expect(classifyFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })).kind).toBe(
      'permanent',
    );
  });
});

describe('afterFailure', () => {
  const backoff = { firstSeconds: 10, maxSeconds: 900 };
  const times = (now: number, expiresIn: number | null = null) => ({
    now: at(now),
    expiresAt: expiresIn === null ? null : at(expiresIn),
    retryUntil: at(RETRY_WINDOW_MS),
  });

  it('waits 10 s, then twice as long each time, then every 15 minutes', () => {
    expect([1, 2, 3, 4, 7, 8, 40].map((n) => afterFailure(times(0), n, away, backoff))).toEqual(
      [10, 20, 40, 80, 640, 900, 900].map((afterSeconds) => ({ kind: 'retry', afterSeconds })),
    );
  });

  it('keeps retrying for 72 hours, the longest a mailed link lives, then gives up and says why', () => {
    expect(RETRY_WINDOW_MS).toBeGreaterThanOrEqual(72 * HOUR);
    expect(afterFailure(times(RETRY_WINDOW_MS - 1000), 300, away, backoff)).toEqual({ kind: 'retry', afterSeconds: 1 });
    expect(afterFailure(times(RETRY_WINDOW_MS), 300, away, backoff)).toEqual({
      kind: 'failed',
      reason: 'Le serveur d’envoi des e-mails est injoignable. Le message n’a pas pu partir pendant 72 heures.',
    });
  });

  it('stops at once on a refusal', () => {
    expect(afterFailure(times(0), 1, { kind: 'permanent', reason: 'Refusé.' }, backoff)).toEqual({
      kind: 'failed',
      reason: 'Refusé.',
    });
  });

  it('a mail whose link dies: the last try falls on its end, and after it the mail expires', () => {
    expect(afterFailure(times(48 * HOUR - 5000, 48 * HOUR), 200, away, backoff)).toEqual({
      kind: 'retry',
      afterSeconds: 5,
    });
    expect(afterFailure(times(48 * HOUR, 48 * HOUR), 200, away, backoff)).toEqual({ kind: 'expired' });
  });
});

describe('isExpired', () => {
  it('is true from the link’s end on, never for a mail without a link', () => {
    expect(isExpired({ now: at(HOUR - 1), expiresAt: at(HOUR) })).toBe(false);
    expect(isExpired({ now: at(HOUR), expiresAt: at(HOUR) })).toBe(true);
    expect(isExpired({ now: at(1000 * HOUR), expiresAt: null })).toBe(false);
  });
});
