import { demoLogins } from '../../src/demo/demoPeople.js';
import { totpCode } from '../../src/modules/accounts/domain/totp.js';
import type { WantedCell } from '../../src/modules/bookings/domain/bookingPlan.js';
import { communePaths } from '../../src/platform/views/paths.js';
import { monthOf } from '../../src/shared/localDays.js';
import { Browser, type Exchange, NoAnswer } from './browser.js';
import type { Instance } from './instance.js';

export const COMMUNE = 'chanteloup-les-vignes';
const paths = communePaths({ slug: COMMUNE, version: '' });

/** What the soak was told, to compare with the database at the end. `unknown`: no answer, the effect may or may not be there. */
export type Verdict = 'success' | 'refused' | 'unknown';

export interface Ledger {
  /** One school day for the demo child (canteen and evening care), booked once. */
  bookings: { cells: WantedCell[]; verdict: Verdict; answer: string }[];
  /** A new household member asked by the family; `requestId` once filed. */
  filings: { firstName: string; verdict: Verdict; requestId?: string; answer: string }[];
  /** An agent's decisions on a filed request, in order. */
  decisions: Map<string, { decision: 'accepter' | 'refuser'; verdict: Verdict; answer: string }[]>;
}

export interface Traffic {
  pick: () => Instance | null;
  record: (exchange: Exchange) => void;
  clock: () => number;
  /** Milliseconds since the epoch at which every loop stops starting new work. */
  until: number;
  memberId: string;
  /** The days left to book, each booked at most once. */
  days: WantedCell[][];
}

let addresses = 0;
/** 10.x.y.z, one per browser. */
const nextAddress = () => {
  addresses++;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loop that runs `step` every `periodMs` (never two at once) until the end of the traffic. */
async function every(traffic: Traffic, periodMs: number, step: () => Promise<void>): Promise<void> {
  while (Date.now() < traffic.until) {
    const started = Date.now();
    try {
      await step();
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
    }
    await sleep(Math.max(0, periodMs - (Date.now() - started)));
  }
}

const outcomeOf = (error: unknown): { verdict: Verdict; answer: string } => {
  if (error instanceof NoAnswer) return { verdict: 'unknown', answer: error.message };
  throw error;
};

export async function citizenLogin(traffic: Traffic): Promise<Browser> {
  const browser = new Browser(nextAddress(), traffic.pick, traffic.record, traffic.clock);
  await browser.get('citizen login', `/${COMMUNE}/connexion`);
  const login = await browser.post('citizen login', `/${COMMUNE}/connexion`, {
    identifier: demoLogins.citizen.username,
    password: demoLogins.citizen.password,
  });
  if (login.status !== 303 || login.location !== `/${COMMUNE}/mon-accueil`)
    throw new Error(`the citizen's login answered ${login.status} → ${login.location}`);
  return browser;
}

/** The demo agent through the real login: password, then the TOTP code of the moment (real time, as the authenticator app). */
export async function agentLogin(traffic: Traffic): Promise<Browser> {
  const browser = new Browser(nextAddress(), traffic.pick, traffic.record, traffic.clock);
  const base = `/${COMMUNE}/guichet`;
  await browser.get('agent login', `${base}/connexion`);
  const login = await browser.post('agent login', `${base}/connexion`, {
    email: demoLogins.agent.email,
    password: demoLogins.agent.password,
  });
  if (login.status !== 303 || !login.location) throw new Error(`the agent's login answered ${login.status}`);
  await browser.get('agent login', login.location);
  const second = await browser.post('agent login', login.location, {
    code: totpCode(demoLogins.agent.totpSecret, new Date()),
  });
  if (second.status !== 303 || second.location !== base)
    throw new Error(`the agent's second factor answered ${second.status} → ${second.location}`);
  await browser.get('agent login', base);
  return browser;
}

/**
 * The mixed traffic, at a bounded rate whatever the machine (each loop waits its period between
 * steps, one step in flight per loop): about 9 requests a second in all.
 */
export async function runTraffic(traffic: Traffic, ledger: Ledger): Promise<void> {
  const family = await citizenLogin(traffic);
  const agent = await agentLogin(traffic);
  const toDecide: string[] = [];
  let names = 0;

  const visitor = new Browser(nextAddress(), traffic.pick, traffic.record, traffic.clock);
  const publicPages = [
    `/${COMMUNE}`,
    '/',
    '/belrive-sur-oise',
    `/${COMMUNE}/connexion`,
    `/${COMMUNE}/creer-mon-espace`,
  ];
  let page = 0;

  await Promise.all([
    // Public pages: 4 a second.
    every(traffic, 250, async () => {
      await visitor.get('public page', publicPages[page++ % publicPages.length]!);
    }),
    // A new login every 2 s, each from its own address.
    every(traffic, 2000, async () => {
      await citizenLogin(traffic).catch((error: unknown) => {
        if (error instanceof NoAnswer) throw error;
        // A refused login is in the exchanges' statuses already.
      });
    }),
    // A school day booked every 2 s through the summary and the real confirmation.
    every(traffic, 2000, async () => {
      const cells = traffic.days.shift();
      if (!cells) return;
      const entry = { cells, verdict: 'refused' as Verdict, answer: '' };
      ledger.bookings.push(entry);
      try {
        const month = monthOf(cells[0]!.day);
        const fields: Record<string, string> = {
          mois: month,
          cellules: cells.map((cell) => `${cell.day}:${cell.serviceId}`).join(' '),
        };
        for (const cell of cells) fields[`r:${cell.day}:${cell.serviceId}`] = cell.unit!;
        const summary = await family.post('booking summary', paths.reservationsSummary(traffic.memberId), fields);
        const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(summary.html)?.[1];
        if (summary.status !== 200 || !hidden('apercu')) {
          entry.answer = `summary ${summary.status}`;
          return;
        }
        const done = await family.post('booking confirmation', paths.confirmReservations(traffic.memberId), {
          mois: month,
          voulu: hidden('voulu') ?? '',
          apercu: hidden('apercu')!,
        });
        entry.verdict = done.status === 303 ? 'success' : 'refused';
        entry.answer = `confirmation ${done.status}`;
      } catch (error) {
        Object.assign(entry, outcomeOf(error));
      }
    }),
    // The family asks for a new household member every 4 s.
    every(traffic, 4000, async () => {
      const firstName = `Soak${letters(names++)}`;
      const entry: Ledger['filings'][number] = { firstName, verdict: 'refused', answer: '' };
      ledger.filings.push(entry);
      try {
        const sent = await family.post('family request', `/${COMMUNE}/ma-famille/nouveau-membre`, {
          firstName,
          lastName: 'Dupont',
          birthDate: '02/03/2021',
          sex: 'F',
          relation: 'enfant',
        });
        const requestId = /[?&]demande=([0-9a-f-]{36})/.exec(sent.location ?? '')?.[1];
        entry.answer = `${sent.status}`;
        if (sent.status === 303 && requestId) {
          entry.verdict = 'success';
          entry.requestId = requestId;
          toDecide.push(requestId);
        }
      } catch (error) {
        Object.assign(entry, outcomeOf(error));
      }
    }),
    // The agent decides the oldest filed request every 2 s: accepts one, refuses the next. A decision
    // that failed is tried again later (the family waits for it); one whose answer was lost is not.
    every(traffic, 2000, async () => {
      const requestId = toDecide.shift();
      if (!requestId) return;
      const attempts = ledger.decisions.get(requestId) ?? [];
      ledger.decisions.set(requestId, attempts);
      const decision = ledger.decisions.size % 2 === 0 ? 'refuser' : 'accepter';
      const attempt = { decision: attempts[0]?.decision ?? decision, verdict: 'refused' as Verdict, answer: '' };
      try {
        const opened = await agent.get('agent decision', `/${COMMUNE}/guichet/demandes/${requestId}`);
        const version = /name="version" value="(\d+)"/.exec(opened.html)?.[1];
        if (opened.status !== 200 || version === undefined) {
          attempt.answer = `request page ${opened.status}`;
        } else {
          attempts.push(attempt);
          const done = await agent.post('agent decision', `/${COMMUNE}/guichet/demandes/${requestId}/decision`, {
            decision: attempt.decision,
            explanation: attempt.decision === 'refuser' ? 'Essai de charge : demande refusée.' : '',
            version,
          });
          attempt.verdict =
            done.status === 303 && (done.location ?? '').includes('fait=decision') ? 'success' : 'refused';
          attempt.answer = `decision ${done.status}`;
        }
      } catch (error) {
        if (!attempts.includes(attempt)) attempts.push(attempt);
        Object.assign(attempt, outcomeOf(error));
      }
      if (attempt.verdict === 'refused' && attempts.length < 5) toDecide.push(requestId);
    }),
  ]);
}

/** 0 → aa, 1 → ab…: first names of letters only. */
function letters(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  return alphabet[Math.floor(n / 26) % 26]! + alphabet[n % 26]!;
}
