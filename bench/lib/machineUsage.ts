// How busy the machine and its processes were over a run, read from /proc (Linux): the benches that
// load the two cores (rush, rentrée) say who used them.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/database.js';

export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The machine's CPU ticks, busy and all, from /proc/stat: how busy the two cores were, whoever used them. */
export function machineTicks(): { busy: number; all: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const all = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: all - idle, all };
}

export function busyShare(before: { busy: number; all: number }, after: { busy: number; all: number }): number {
  return (after.busy - before.busy) / Math.max(1, after.all - before.all);
}

/** The kernel's clock ticks in µs (USER_HZ, 100 on Linux). */
export const MICROS_PER_TICK = 10_000;

/** A process's CPU so far, µs, from `/proc/<pid>/stat` (user and system time); 0 once it is gone. */
export function processCpuMicros(pid: number): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MICROS_PER_TICK;
}

/**
 * The CPU PostgreSQL spends over a run: the backends of the scratch database (every pid
 * `pg_stat_activity` shows for it before or after the run; a backend born during the run counts from
 * 0), and the whole server (the postmaster's children, background writers and other databases' backends
 * included: the machine is shared). PostgreSQL runs on this machine, so `/proc` holds its processes.
 */
export class PostgresUsage {
  private constructor(
    private readonly database: Database,
    private readonly name: string,
    private readonly postmaster: number,
    private readonly backends: Map<number, number>,
    private readonly server: Map<number, number>,
  ) {}

  static async of(database: Database, url: string): Promise<PostgresUsage> {
    const name = new URL(url).pathname.slice(1);
    const [row] = await rowsOf<{ pid: number }>(database, sql`select pg_backend_pid() as pid`);
    const postmaster = parentOf(Number(row!.pid));
    const backends = new Map<number, number>();
    for (const pid of await PostgresUsage.backendsOf(database, name)) backends.set(pid, processCpuMicros(pid));
    return new PostgresUsage(database, name, postmaster, backends, serverProcesses(postmaster));
  }

  private static async backendsOf(database: Database, name: string): Promise<number[]> {
    const rows = await rowsOf<{ pid: number }>(database, sql`select pid from pg_stat_activity where datname = ${name}`);
    return rows.map((row) => Number(row.pid));
  }

  /** CPU µs since `of`: this database's backends, and the whole server. */
  async since(): Promise<{ database: number; server: number }> {
    let server = 0;
    for (const [pid, micros] of serverProcesses(this.postmaster)) server += micros - (this.server.get(pid) ?? 0);
    let ours = 0;
    for (const pid of await PostgresUsage.backendsOf(this.database, this.name))
      ours += processCpuMicros(pid) - (this.backends.get(pid) ?? 0);
    return { database: ours, server };
  }
}

async function rowsOf<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * The postmaster and its children, each with its CPU so far, µs. A process that ends during the run
 * takes its CPU with it (it is missed); one born during the run counts from 0.
 */
function serverProcesses(postmaster: number): Map<number, number> {
  const processes = new Map([[postmaster, processCpuMicros(postmaster)]]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parentOf(Number(entry)) === postmaster) processes.set(Number(entry), processCpuMicros(Number(entry)));
    } catch {
      // Gone meanwhile.
    }
  }
  return processes;
}
