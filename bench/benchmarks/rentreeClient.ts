// The rentrée's client (rentree.ts), in a process of its own so that it never shares an instance's
// event loop: the bench forks this file with the order, and it answers with its report. Each family
// arrives at its planned instant and walks its steps as a browser does.
import http from 'node:http';
import type { WantedCell } from '../../src/modules/bookings/domain/bookingPlan.js';
import { communePaths } from '../../src/platform/views/paths.js';
import { formatShortDay, isoWeekday, monthOf } from '../../src/shared/localDays.js';
import { CITIZEN_SESSION_COOKIE, CSRF_COOKIE, DEMO_COMMUNE } from '../lib/citizenLogin.js';

/** One family of the client: who logs in, which child it books, which instance it is sent to, from which address. */
export interface Family {
  origin: string;
  username: string;
  memberId: string;
  address: string;
}
/**
 * How a family books its four weeks: `pattern`, the semaine type over the four weeks (one summary of
 * the 32 cells, one confirmation), or `weeks`, the month calendar's summary and confirmation week by week.
 */
export type Walk = 'pattern' | 'weeks';
export interface RentreeOrder {
  families: Family[];
  walk: Walk;
  /** The weeks every family books, as the calendar's cells. */
  weeks: WantedCell[][];
  spreadMs: number;
  password: string;
}
export type Step =
  'login page' | 'login' | 'accueil' | 'calendar' | 'semaine type' | 'summary' | 'confirmation' | 'calendar after';
export interface RentreeReport {
  /** Each request's latency by step, ms; a family's first request counts from its planned arrival. */
  latencies: Record<Step, number[]>;
  /** From each family's planned arrival to its last confirmation's answer, ms. */
  families: number[];
  /** What came instead of the expected answer, by kind. */
  errors: Record<string, number>;
  /** Logins whose password was checked (answered, and not shed with 503 before the check). */
  verifications: number;
  durationMs: number;
  /** The client process's own CPU over the run, µs. */
  clientCpuMicros: number;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** In the client process: each family arrives at its planned instant and walks its steps as a browser would. */
async function rentreeClient(order: RentreeOrder): Promise<RentreeReport> {
  const cpuBefore = process.cpuUsage();
  // One keep-alive agent, host and port per instance, made once: the client shares the two cores it measures.
  const targets = new Map<string, { host: string; port: string; agent: http.Agent }>();
  const targetOf = (origin: string) => {
    let target = targets.get(origin);
    if (!target) {
      const url = new URL(origin);
      target = { host: url.hostname, port: url.port, agent: new http.Agent({ keepAlive: true, maxSockets: 500 }) };
      targets.set(origin, target);
    }
    return target;
  };
  const steps: Step[] =
    order.walk === 'pattern'
      ? ['login page', 'login', 'accueil', 'calendar', 'semaine type', 'summary', 'confirmation', 'calendar after']
      : ['login page', 'login', 'accueil', 'calendar', 'summary', 'confirmation', 'calendar after'];
  const latencies = Object.fromEntries(steps.map((name) => [name, []])) as unknown as Record<Step, number[]>;
  const errors: Record<string, number> = {};
  const familyTimes: number[] = [];
  let verifications = 0;
  const paths = communePaths({ slug: DEMO_COMMUNE, version: '' });

  const send = (
    family: Family,
    method: 'GET' | 'POST',
    path: string,
    cookie: string,
    fields?: Record<string, string>,
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const target = targetOf(family.origin);
      const body = fields ? new URLSearchParams(fields).toString() : undefined;
      const outgoing = http.request(
        {
          host: target.host,
          port: target.port,
          path,
          method,
          agent: target.agent,
          headers: {
            'x-forwarded-for': family.address,
            ...(cookie ? { cookie } : {}),
            ...(body
              ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  const cookieOf = (answer: Answer, name: string) =>
    (answer.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${name}=`))?.split(';', 1)[0];
  const patterns = new Map<string, RegExp>();
  const token = (html: string, name = '_csrf') => {
    let pattern = patterns.get(name);
    if (!pattern) patterns.set(name, (pattern = new RegExp(`name="${name}" value="([^"]*)"`)));
    return pattern.exec(html)?.[1];
  };

  /**
   * One step: its latency from `since` (its sending; the planned arrival for the first), and whether
   * its answer is the expected one.
   */
  const step = async (
    name: Step,
    request: () => Promise<Answer>,
    expected: (answer: Answer) => boolean,
    since = performance.now(),
  ): Promise<Answer> => {
    let answer: Answer;
    try {
      answer = await request();
    } catch (error) {
      throw new StepError(`${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    latencies[name].push(performance.now() - since);
    // A login answered otherwise than 503 (a connection waited for too long) has checked its password.
    if (name === 'login' && answer.status !== 503) verifications++;
    if (!expected(answer)) throw new StepError(`${name}: ${answer.status}`);
    return answer;
  };

  const redirectOf = (answer: Answer) => answer.headers.location ?? '';
  const patternCells = order.weeks.flat().length;
  const firstDay = order.weeks[0]![0]!.day;
  const lastDay = order.weeks.at(-1)!.at(-1)!.day;
  // The semaine type's grid: Monday, Tuesday, Thursday and Friday, each service with the unit the weeks book.
  const patternFields: Record<string, string> = { du: formatShortDay(firstDay), au: formatShortDay(lastDay) };
  for (const cell of order.weeks[0]!) patternFields[`j${isoWeekday(cell.day)}:${cell.serviceId}`] = cell.unit!;

  /** The summary's confirmation form, as the browser sends it: its hidden fields. */
  const confirmFields = (summary: Answer, csrf: string) => ({
    _csrf: csrf,
    mois: token(summary.body, 'mois') ?? '',
    voulu: token(summary.body, 'voulu') ?? '',
    apercu: token(summary.body, 'apercu') ?? '',
  });

  /** The confirmation, then the calendar it leads back to (`303`, followed as a browser does). */
  const confirm = async (family: Family, cookie: string, fields: Record<string, string>) => {
    const confirmed = await step(
      'confirmation',
      () => send(family, 'POST', paths.confirmReservations(family.memberId), cookie, fields),
      (a) => a.status === 303 && redirectOf(a).startsWith(paths.memberReservations(family.memberId)),
    );
    await step(
      'calendar after',
      () => send(family, 'GET', redirectOf(confirmed), cookie),
      (a) => a.status === 200,
    );
  };

  const walk = async (family: Family, arrival: number) => {
    const loginPath = `/${DEMO_COMMUNE}/connexion`;
    const form = await step(
      'login page',
      () => send(family, 'GET', loginPath, ''),
      (a) => a.status === 200,
      arrival,
    );
    const anonymous = cookieOf(form, CSRF_COOKIE) ?? '';
    const login = await step(
      'login',
      () =>
        send(family, 'POST', loginPath, anonymous, {
          identifier: family.username,
          password: order.password,
          _csrf: token(form.body) ?? '',
        }),
      (a) => a.status === 303 && cookieOf(a, CITIZEN_SESSION_COOKIE) !== undefined && redirectOf(a) === paths.myHome,
    );
    const cookie = cookieOf(login, CITIZEN_SESSION_COOKIE)!;
    // The browser follows the login's redirect to « Mon accueil », then the family opens its child's calendar.
    await step(
      'accueil',
      () => send(family, 'GET', redirectOf(login), cookie),
      (a) => a.status === 200,
    );
    const calendar = await step(
      'calendar',
      () => send(family, 'GET', paths.memberReservations(family.memberId), cookie),
      (a) => a.status === 200 && token(a.body) !== undefined,
    );
    if (order.walk === 'pattern') {
      const page = await step(
        'semaine type',
        () => send(family, 'GET', paths.weekPattern(family.memberId), cookie),
        (a) => a.status === 200 && token(a.body) !== undefined,
      );
      const csrf = token(page.body)!;
      const summary = await step(
        'summary',
        () => send(family, 'POST', paths.weekPattern(family.memberId), cookie, { _csrf: csrf, ...patternFields }),
        (a) => a.status === 200 && a.body.includes(`${patternCells} modifications à confirmer`),
      );
      await confirm(family, cookie, confirmFields(summary, csrf));
    } else {
      const csrf = token(calendar.body)!;
      for (const cells of order.weeks) {
        // As bookWeek.ts builds them: the month's cells with a unit each, then the plan the summary showed.
        const fields: Record<string, string> = {
          _csrf: csrf,
          mois: monthOf(cells[0]!.day),
          cellules: cells.map((cell) => `${cell.day}:${cell.serviceId}`).join(' '),
        };
        for (const cell of cells) fields[`r:${cell.day}:${cell.serviceId}`] = cell.unit!;
        const summary = await step(
          'summary',
          () => send(family, 'POST', paths.reservationsSummary(family.memberId), cookie, fields),
          (a) => a.status === 200 && a.body.includes(`${cells.length} modifications à confirmer`),
        );
        await confirm(family, cookie, confirmFields(summary, csrf));
      }
    }
    familyTimes.push(performance.now() - arrival);
  };

  const start = performance.now();
  await Promise.all(
    order.families.map(async (family, n) => {
      const arrival = start + (n * order.spreadMs) / order.families.length;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, arrival - performance.now())));
      try {
        await walk(family, arrival);
      } catch (error) {
        const kind = error instanceof StepError ? error.message : `crash: ${(error as Error).message}`;
        errors[kind] = (errors[kind] ?? 0) + 1;
      }
    }),
  );
  const durationMs = performance.now() - start;
  for (const target of targets.values()) target.agent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    latencies,
    families: familyTimes,
    errors,
    verifications,
    durationMs,
    clientCpuMicros: cpu.user + cpu.system,
  };
}

class StepError extends Error {}

process.once('message', (order: RentreeOrder) => {
  void rentreeClient(order).then((report) => process.send?.(report));
});
