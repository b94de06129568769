// What storing 5 MB of sealed (incompressible) bytes costs in a chunk table, by way of writing them:
// chunk size, bytes sent as a binary parameter or as base64 text decoded by the database, several
// chunks per statement, the column's storage (EXTENDED tries to compress, EXTERNAL does not), on
// PGlite and on PostgreSQL. Each variant writes in its own transaction, the variants in turn, and
// the median of the rounds is printed in ms per MB.
//   npx tsx bench/probes/chunkStorage.ts   (BENCH_DATABASE_URL for the server, BENCH_ROUNDS)
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createScratchDatabase, defaultPostgresUrl } from '../lib/postgres.js';

type Query = (text: string, params?: unknown[]) => Promise<unknown>;

interface Variant {
  name: string;
  chunk: number;
  base64: boolean;
  perStatement: number;
  external: boolean;
}

const KIB = 1024;
const FILE = 5 * KIB * KIB;
const variants: Variant[] = [
  { name: '256 KiB · base64 · 1 a statement', chunk: 256 * KIB, base64: true, perStatement: 1, external: false },
  { name: '256 KiB · bytea · 1 a statement', chunk: 256 * KIB, base64: false, perStatement: 1, external: false },
  { name: '256 KiB · base64 · EXTERNAL', chunk: 256 * KIB, base64: true, perStatement: 1, external: true },
  { name: '256 KiB · bytea · EXTERNAL', chunk: 256 * KIB, base64: false, perStatement: 1, external: true },
  { name: '256 KiB · base64 · 4 a statement', chunk: 256 * KIB, base64: true, perStatement: 4, external: false },
  { name: '1 MiB · base64', chunk: 1024 * KIB, base64: true, perStatement: 1, external: false },
  { name: '1 MiB · bytea', chunk: 1024 * KIB, base64: false, perStatement: 1, external: false },
  { name: '1 MiB · bytea · EXTERNAL', chunk: 1024 * KIB, base64: false, perStatement: 1, external: true },
  { name: '64 KiB · base64', chunk: 64 * KIB, base64: true, perStatement: 1, external: false },
];

async function prepare(query: Query) {
  for (const external of [false, true]) {
    const table = external ? 'probe_chunks_external' : 'probe_chunks';
    await query(`create table ${table} (file_id uuid not null, seq integer not null, bytes bytea not null,
      primary key (file_id, seq))`);
    if (external) await query(`alter table ${table} alter column bytes set storage external`);
  }
}

async function write(query: Query, variant: Variant, file: Buffer) {
  const table = variant.external ? 'probe_chunks_external' : 'probe_chunks';
  const id = randomUUID();
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += variant.chunk) chunks.push(file.subarray(at, at + variant.chunk));
  const started = performance.now();
  await query('begin');
  for (let at = 0; at < chunks.length; at += variant.perStatement) {
    const group = chunks.slice(at, at + variant.perStatement);
    const params: unknown[] = [id];
    const rows = group.map((bytes, i) => {
      params.push(at + i, variant.base64 ? bytes.toString('base64') : bytes);
      const value = variant.base64 ? `decode($${params.length}, 'base64')` : `$${params.length}`;
      return `($1, $${params.length - 1}, ${value})`;
    });
    await query(`insert into ${table} (file_id, seq, bytes) values ${rows.join(', ')}`, params);
  }
  await query('commit');
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string, query: Query) {
  await prepare(query);
  const rounds = Number(process.env.BENCH_ROUNDS || 5);
  const times = new Map(variants.map((v) => [v.name, [] as number[]]));
  // One warm-up round, not counted.
  for (let round = -1; round < rounds; round++)
    for (const variant of round % 2 ? variants : [...variants].reverse()) {
      const ms = await write(query, variant, randomBytes(FILE));
      if (round >= 0) times.get(variant.name)!.push(ms);
    }
  for (const [name, values] of times)
    console.log(`${label.padEnd(10)} ${name.padEnd(36)} ${(median(values) / 5).toFixed(0).padStart(5)} ms/MB`);
}

console.log(
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
const lite = new PGlite();
await measure('PGlite', (text, params) => lite.query(text, params));
await lite.close();
const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL || defaultPostgresUrl);
const client = new pg.Client(scratch.url);
await client.connect();
try {
  await measure('PostgreSQL', (text, params) => client.query(text, params));
} finally {
  await client.end();
  await scratch.drop();
}
console.log(
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
