import PgBoss from 'pg-boss';
import { demoBrowserNow, withDemoBrowser } from '../demoBrowser.js';
import { type Database, type Db, isDatabaseUnavailable } from '../db/database.js';
import { type ExecuteSql, databaseExecutor, transactionExecutor } from './jobSql.js';

export interface SendOptions {
  /** The caller's transaction: the job exists only if it commits. */
  tx?: Db;
  retryLimit?: number;
  /** First wait before a retry, doubled at each one; 0 retries at once. */
  retryDelaySeconds?: number;
  startAfter?: Date;
  /** A wait counted by the database's clock: the job runs that many seconds (fractions allowed) after it is queued. */
  startAfterSeconds?: number;
}

export interface Jobs {
  /** Queues a job. With `tx` (a Drizzle transaction, type Db from database.ts), the job is inserted in the caller's transaction and exists only if it commits. */
  send(queue: string, data: object, options?: SendOptions): Promise<void>;
  /** Registers the handler of a queue (creating the queue if needed). A thrown error is retried with backoff (default 5 retries). */
  work<T>(queue: string, handler: (data: T) => Promise<void>): Promise<void>;
  /**
   * Runs `handler` every `intervalSeconds` (the first time one interval after the first instance
   * starts), in one instance at a time, whatever the number of instances, and across restarts: the
   * next run is a job waiting in the database. A failed run is not retried; the next one comes.
   */
  every(queue: string, intervalSeconds: number, handler: () => Promise<void>): Promise<void>;
  /** Creates pg-boss's tables if needed (one instance at a time, ADR 0009) and starts polling. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface JobsOptions {
  /** The PostgreSQL schema of pg-boss's tables: `pgboss` in production, one per test file. */
  schema?: string;
  /** How often each worker looks for jobs; pg-boss accepts 0.5 at least. */
  pollingIntervalSeconds?: number;
  /** Default first retry delay (see SendOptions); tests shorten it. */
  retryDelaySeconds?: number;
  /** pg-boss's own errors (maintenance, polling) and handlers' failures: to the log. */
  onError?: (error: unknown, context: { queue?: string }) => void;
}

const DEFAULT_RETRY_LIMIT = 5;
// Demo mode: the browser whose request queued the job, so that the mails the job queues are its own.
const DEMO_BROWSER_KEY = '_demoBrowser';
// 10 s, then about 20, 40, 80, 160 s: an SMTP server down for a few minutes loses no mail.
const DEFAULT_RETRY_DELAY_SECONDS = 10;
// A stop waits this long for running handlers; an unfinished job is failed and retried later.
export const STOP_TIMEOUT_MS = 5000;

/**
 * What pg-boss runs on its own (polls, maintenance, and above all marking a job done or failed)
 * waits for the database to come back instead of failing: pg-boss 10 does not wait for the query
 * that marks a job done or failed, so its failure would be an unhandled rejection, which ends the
 * process. Waiting also records the job's outcome once the server is back, instead of running it
 * again after its expiry. Only a stop gives up. Our own sends use the executor that fails at once:
 * a request must answer 503, not hang.
 */
function patientExecutor(executor: ExecuteSql, stopping: AbortSignal): ExecuteSql {
  return {
    async executeSql(text, values) {
      for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5000)) {
        try {
          return await executor.executeSql(text, values);
        } catch (error) {
          if (stopping.aborted || !isDatabaseUnavailable(error)) throw error;
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              stopping.removeEventListener('abort', done);
              resolve();
            };
            const timer = setTimeout(done, waitMs);
            stopping.addEventListener('abort', done);
          });
        }
      }
    },
  };
}

/**
 * Durable jobs on pg-boss 10, in the application's database (PGlite or PostgreSQL) through its
 * `db` option: no second connection pool, and a job can join the caller's transaction.
 */
export async function openJobs(database: Database, options: JobsOptions = {}): Promise<Jobs> {
  const onError = options.onError ?? ((error, context) => console.error('jobs:', context.queue ?? '', error));
  let running = 0;
  const track = async <T>(work: Promise<T>): Promise<T> => {
    running++;
    try {
      return await work;
    } finally {
      running--;
    }
  };
  const db = databaseExecutor(database, track);
  let stopped = false;
  const stopping = new AbortController();
  const schema = options.schema ?? 'pgboss';
  const retryDelay = options.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
  const boss = new PgBoss({
    db: patientExecutor(db, stopping.signal) as PgBoss.Db,
    schema,
    // Maintenance (expiring jobs whose process died, archiving, purging) stays on; the cron
    // scheduler is off: nothing uses it, and it would poll a queue of its own.
    schedule: false,
    retryLimit: DEFAULT_RETRY_LIMIT,
    retryDelay,
    retryBackoff: retryDelay > 0,
    // Payloads hold personal data (a mail's address and links): kept no longer than useful.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 1,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on('error', (error) => onError(error, {}));
  const workerIds = new Map<string, string>();

  const insert = async (executor: ExecuteSql, queue: string, data: object, sendOptions: PgBoss.SendOptions) => {
    // pg-boss 10 silently inserts nothing into a queue that does not exist yet: create it and try
    // again, on the same connection (a PGlite transaction holds the only one).
    const id = await boss.send(queue, data, { ...sendOptions, db: executor as PgBoss.Db });
    if (id) return;
    await executor.executeSql(`SELECT ${schema}.create_queue($1, $2)`, [queue, JSON.stringify({ policy: 'standard' })]);
    if (!(await boss.send(queue, data, { ...sendOptions, db: executor as PgBoss.Db }))) {
      throw new Error(`The job could not be queued in ${queue}.`);
    }
  };

  // Each queue is a partition of pg-boss's job table: two instances creating queues at the same time
  // deadlock on its locks. At start, one instance at a time (the start-up lock).
  const createQueue = (queue: string, queueOptions: Omit<PgBoss.Queue, 'name'> = {}) =>
    database.serialized(() => boss.createQueue(queue, { ...queueOptions, name: queue }));

  return {
    async send(queue, data, { tx, retryLimit, retryDelaySeconds, startAfter, startAfterSeconds } = {}) {
      const sendOptions: PgBoss.SendOptions = {
        ...(retryLimit !== undefined ? { retryLimit } : {}),
        ...(retryDelaySeconds !== undefined
          ? { retryDelay: retryDelaySeconds, retryBackoff: retryDelaySeconds > 0 }
          : {}),
        ...(startAfter ? { startAfter } : {}),
        ...(startAfterSeconds && startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}),
      };
      const browser = demoBrowserNow();
      await insert(
        tx ? transactionExecutor(tx) : db,
        queue,
        browser ? { ...data, [DEMO_BROWSER_KEY]: browser } : data,
        sendOptions,
      );
      // A job sent here is visible at once: wake this process's worker instead of waiting for its
      // next poll. One sent in a transaction is not visible before the commit: the poll finds it.
      const workerId = workerIds.get(queue);
      if (!tx && !startAfter && !startAfterSeconds && workerId) boss.notifyWorker(workerId);
    },

    async work<T>(queue: string, handler: (data: T) => Promise<void>) {
      await createQueue(queue);
      let id = '';
      id = await boss.work<T>(queue, { batchSize: 1 }, (jobs) =>
        track(
          (async () => {
            for (const job of jobs) {
              try {
                const { [DEMO_BROWSER_KEY]: browser, ...data } = job.data as T & { [DEMO_BROWSER_KEY]?: string };
                await withDemoBrowser(browser, () => handler(data as T));
              } catch (error) {
                onError(error, { queue });
                throw error;
              }
            }
            // pg-boss waits a polling interval after every run, even a busy one: a queue of mails
            // would leave one by one every interval. After a job, look again at once; the wait
            // only comes when the queue is empty.
            if (jobs.length > 0 && !stopped) boss.notifyWorker(id);
          })(),
        ),
      );
      workerIds.set(queue, id);
    },

    async every(queue, intervalSeconds, handler) {
      // « stately »: at most one run waiting and one running, in the whole deployment. A second
      // instance's send, or a run's send while a run already waits, inserts nothing.
      // A run whose process died holds the « running » place until it expires: short, so that the
      // next run is not kept waiting (housekeeping takes seconds).
      await createQueue(queue, {
        policy: 'stately',
        retryLimit: 0,
        expireInSeconds: Math.min(intervalSeconds, 5 * 60),
      });
      const queueNext = async () => {
        await boss.send(queue, {}, { startAfter: intervalSeconds, retryLimit: 0 });
      };
      await boss.work(queue, { batchSize: 1 }, (jobs) =>
        track(
          (async () => {
            if (jobs.length === 0) return;
            // The next run first: a run that fails, or whose process dies, does not end the series.
            await queueNext();
            try {
              await handler();
            } catch (error) {
              onError(error, { queue });
              throw error;
            }
          })(),
        ),
      );
      // A new deployment (or one whose series was lost) starts one; otherwise nothing is inserted.
      await queueNext();
    },

    async start() {
      // pg-boss creates its schema under an advisory lock of its own, but an instance that looked for
      // the schema before waiting for that lock still believes it absent and fails on a duplicate
      // key: the whole start runs under the deployment's start-up lock, after the migrations.
      await database.serialized(() => boss.start());
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      stopping.abort();
      // pg-boss waits for running handlers (polling every 500 ms), up to the timeout; then fails
      // what is left, to be retried. The database is the caller's: pg-boss must not close it.
      await boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
      // A worker may still be inside a fetch, or a maintenance query may be running: wait for them,
      // so that the caller can close the database right after.
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
}
