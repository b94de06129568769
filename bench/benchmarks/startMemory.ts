import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchmarkContext, BenchmarkLine } from '../lib/benchmark.js';
import { logInThroughTheForm } from '../lib/citizenLogin.js';
import { median } from '../lib/compare.js';
import { LoadGenerator } from '../lib/load.js';
import { createScratchDatabase, defaultPostgresUrl, redactUrl } from '../lib/postgres.js';
import { communePaths } from '../../src/platform/views/paths.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The checkouts whose `npm start` is run: this one, or those named (comma-separated) in
 * BENCH_PORTAL_ROOTS, measured in turn on each database, to compare a change with the code before it.
 */
const portalRoots = (process.env.BENCH_PORTAL_ROOTS || projectRoot).split(',').map((root) => path.resolve(root));
const COMMUNE = 'chanteloup-les-vignes';
/** Inside the rentrée window: every day of October is bookable on time. */
const NOW = '2026-09-15T12:00:00+02:00';
const MONTH = '2026-10';
const ROUNDS_OF_PAGES = 3;
const LOGINS_PER_ROUND = 10;
/**
 * How long the portal is left without traffic before the idle read: V8's memory reducer collects an
 * old generation that grew about 8 s after allocation slows down; what remains is what the round left.
 */
const IDLE_SECONDS = 12;
const MB = 1024 * 1024;

/** The budgets of issue 17. */
const BUDGET = {
  newFolderSeconds: 10,
  restartSeconds: 3,
  pgliteMb: 400,
  postgresMb: 250,
  /** The resident memory may move this much between the first round of pages and the last. */
  growth: 0.1,
};

/**
 * The portal as `npm start` runs it (its compiled bundle, ADR 0038; demo mode, a new data folder or a new
 * PostgreSQL database, a free port), in a process of its own: how long until its first page answers
 * 200, its resident memory (RSS) once started, then after each of three rounds of family traffic
 * (logins through the real form, booking summaries and confirmations, family pages); then a restart
 * on the same data and its time to the first page. Each figure is a budget over the measure: 1 or
 * more passes.
 */
export const startMemory: Benchmark = {
  name: 'start-memory',
  target: 1,
  async run(context) {
    const load = new LoadGenerator();
    await load.start();
    const lines: BenchmarkLine[] = [];
    try {
      const wanted = (process.env.BENCH_DATABASES || 'pglite,postgres').split(',').map((name) => name.trim());
      if (wanted.includes('pglite')) {
        for (const root of portalRoots) {
          const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-bench-start-'));
          try {
            context.log(`  ${root} on PGlite (new data folder ${dataDir})`);
            lines.push(...(await measure(root, 'PGlite', { DATA_DIR: dataDir }, BUDGET.pgliteMb, load, context)));
          } finally {
            await fs.rm(dataDir, { recursive: true, force: true });
          }
        }
      }
      if (wanted.includes('postgres')) {
        const serverUrl = process.env.BENCH_DATABASE_URL || defaultPostgresUrl;
        for (const root of portalRoots) {
          let scratch;
          try {
            scratch = await createScratchDatabase(serverUrl);
          } catch (error) {
            const reason = `PostgreSQL at ${redactUrl(serverUrl)} unreachable: ${(error as Error).message}`;
            context.log(`  PostgreSQL lines skipped: ${reason}`);
            lines.push({ label: 'start-memory · PostgreSQL', skipped: reason });
            return lines;
          }
          try {
            context.log(`  ${root} on PostgreSQL (database ${new URL(scratch.url).pathname.slice(1)})`);
            const env = { DATABASE_URL: scratch.url };
            lines.push(...(await measure(root, 'PostgreSQL', env, BUDGET.postgresMb, load, context)));
          } finally {
            await scratch.drop();
          }
        }
      }
      return lines;
    } finally {
      await load.close();
    }
  },
};

async function measure(
  root: string,
  databaseName: string,
  env: Record<string, string>,
  budgetMb: number,
  load: LoadGenerator,
  context: BenchmarkContext,
): Promise<BenchmarkLine[]> {
  const database = portalRoots.length > 1 ? `${databaseName} · ${path.basename(root)}` : databaseName;
  const first = await startPortal(root, env);
  let afterStart: number;
  const afterRounds: number[] = [];
  const idleAfterRounds: number[] = [];
  try {
    afterStart = await settledRss(first.child);
    context.log(`    new: first page in ${first.seconds.toFixed(2)} s, RSS ${mb(afterStart)}`);
    for (let round = 1; round <= ROUNDS_OF_PAGES; round++) {
      const pages = await familyTraffic(first.origin, round, load, context);
      afterRounds.push(await settledRss(first.child));
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      idleAfterRounds.push(await settledRss(first.child));
      context.log(
        `    round ${round}: ${pages} pages, RSS ${mb(afterRounds.at(-1)!)}, ${mb(idleAfterRounds.at(-1)!)} after ${IDLE_SECONDS} s idle`,
      );
    }
  } finally {
    await stop(first.child);
  }
  const again = await startPortal(root, env);
  let afterRestart: number;
  try {
    afterRestart = await settledRss(again.child);
    context.log(`    restart: first page in ${again.seconds.toFixed(2)} s, RSS ${mb(afterRestart)}`);
  } finally {
    await stop(again.child);
  }
  const highest = Math.max(...afterRounds);
  // A leak keeps what each round left: the idle reads, once the collector has passed, tell it from
  // garbage not yet collected, which the reads just after a round include.
  const growth = (idleAfterRounds.at(-1)! - idleAfterRounds[0]!) / idleAfterRounds[0]!;
  return [
    {
      label: `start · ${database} · new`,
      ratio: BUDGET.newFolderSeconds / first.seconds,
      details: { measured: `${first.seconds.toFixed(2)} s`, budget: `${BUDGET.newFolderSeconds} s` },
    },
    {
      label: `start · ${database} · restart`,
      ratio: BUDGET.restartSeconds / again.seconds,
      details: { measured: `${again.seconds.toFixed(2)} s`, budget: `${BUDGET.restartSeconds} s` },
    },
    {
      label: `memory · ${database} · started`,
      ratio: (budgetMb * MB) / afterStart,
      details: { measured: mb(afterStart), budget: `${budgetMb} MB`, restart: mb(afterRestart) },
    },
    {
      label: `memory · ${database} · after pages`,
      ratio: (budgetMb * MB) / highest,
      details: {
        measured: mb(highest),
        budget: `${budgetMb} MB`,
        rounds: afterRounds.map(mb).join(' / '),
        idle: idleAfterRounds.map(mb).join(' / '),
      },
    },
    {
      // No leak: the last round of pages leaves the portal about where the first one did.
      label: `memory · ${database} · growth over ${ROUNDS_OF_PAGES} rounds`,
      ratio: (1 + BUDGET.growth) / (1 + Math.max(0, growth)),
      details: {
        measured: `${(growth * 100).toFixed(1)} %`,
        budget: `${BUDGET.growth * 100} %`,
        idle: idleAfterRounds.map(mb).join(' / '),
      },
    },
  ];
}

interface Portal {
  child: ChildProcess;
  origin: string;
  /** From the spawn to the first 200 of the commune's home. */
  seconds: number;
}

/**
 * What the checkout's `npm start` runs, in one process and without npm's: `node scripts/start.js`
 * as it is, or an older checkout's `tsx src/main.ts` as `node --import tsx src/main.ts` (the same
 * without tsx's small launcher process).
 */
async function startArguments(root: string): Promise<string[]> {
  const manifest = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.split(' ');
  if (command === 'node') return args;
  if (command === 'tsx') return ['--import', 'tsx', ...args];
  throw new Error(`${root}: \`npm start\` runs « ${manifest.scripts.start} », neither node nor tsx`);
}

/** `npm start`'s command with a newcomer's environment, on a free port. */
async function startPortal(root: string, env: Record<string, string>): Promise<Portal> {
  const args = await startArguments(root);
  const began = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      PARVIS_MODE: 'demo',
      PARVIS_NOW: NOW,
      // Each login of the traffic from its own address, under the login form's per-address limit.
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const origin = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /Parvis is running .*?: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`the portal ended (exit ${code}) before listening:\n${output}`)));
  });
  // The port is printed once the server listens; the first page is what a visitor waits for.
  for (;;) {
    const response = await fetch(`${origin}/${COMMUNE}`).catch(() => null);
    if (response?.status === 200) {
      await response.arrayBuffer();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, origin, seconds: (performance.now() - began) / 1000 };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The child's resident memory once its background work of the moment is over: the median of five reads. */
async function settledRss(child: ChildProcess): Promise<number> {
  const reads: number[] = [];
  for (let n = 0; n < 5; n++) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
    reads.push(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
  }
  return median(reads);
}

/**
 * One round of family traffic: ten logins through the real form (each from its own address), each
 * then opening « Mon accueil » and « Ma famille »; with the first, the month of reservations, two
 * bookings of eight days and their cancellations (summary, then confirmation); then, under the load
 * generator's ten connections, the family's pages for a few seconds each. Returns the pages served.
 */
async function familyTraffic(origin: string, round: number, load: LoadGenerator, context: BenchmarkContext) {
  const paths = communePaths({ slug: COMMUNE, version: '' });
  let pages = 0;
  const get = async (url: string, cookie: string) => {
    const response = await fetch(`${origin}${url}`, { headers: { cookie } });
    const html = await response.text();
    pages++;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return html;
  };
  const cookies: string[] = [];
  for (let n = 0; n < LOGINS_PER_ROUND; n++) {
    const cookie = await logInThroughTheForm(origin, { address: `10.77.${round}.${n + 1}` });
    pages += 2;
    await get(paths.myHome, cookie);
    await get(paths.myFamily, cookie);
    cookies.push(cookie);
  }
  const cookie = cookies[0]!;
  const list = await get(paths.reservations, cookie);
  const memberId = /\/ma-famille\/membres\/([0-9a-f-]{36})\/reservations/.exec(list)?.[1];
  if (!memberId) throw new Error('no child on the reservations page');
  const month = await get(paths.memberReservations(memberId, MONTH), cookie);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(month)?.[1] ?? '';
  const cells = [...month.matchAll(/name="(r:\d{4}-\d{2}-\d{2}:[0-9a-f-]{36})"/g)].map((match) => {
    const after = month.slice(match.index + match[0].length);
    return { field: match[1]!, unit: /value="([^"]+)"/.exec(after)?.[1] ?? '' };
  });
  if (cells.length < 16) throw new Error(`only ${cells.length} bookable cells in ${MONTH}`);
  const post = async (url: string, fields: Record<string, string>) => {
    const response = await fetch(`${origin}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    pages++;
    return { status: response.status, html: await response.text() };
  };
  for (const chunk of [cells.slice(0, 8), cells.slice(8, 16)]) {
    for (const booking of [true, false]) {
      const fields: Record<string, string> = {
        mois: MONTH,
        cellules: chunk.map((cell) => cell.field.slice(2)).join(' '),
      };
      if (booking) for (const cell of chunk) fields[cell.field] = cell.unit;
      const summary = await post(paths.reservationsSummary(memberId), fields);
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(summary.html)?.[1];
      if (summary.status !== 200 || !hidden('apercu')) throw new Error(`the summary answered ${summary.status}`);
      const done = await post(paths.confirmReservations(memberId), {
        mois: MONTH,
        voulu: hidden('voulu') ?? '',
        apercu: hidden('apercu') ?? '',
      });
      if (done.status !== 303) throw new Error(`the confirmation answered ${done.status}`);
    }
  }
  for (const url of [paths.myFamily, paths.memberReservations(memberId, MONTH), paths.myInvoices]) {
    const summary = await load.run({
      url: `${origin}${url}`,
      seconds: context.seconds,
      connections: 10,
      pipelining: 1,
      request: { method: 'GET', headers: { cookie } },
    });
    if (summary.unexpected > 0 || summary.errors > 0)
      throw new Error(`${url}: ${summary.unexpected} unexpected answers, ${summary.errors} errors`);
    pages += summary.total;
  }
  return pages;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}
