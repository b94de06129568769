import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { buildApp } from '../../src/app.js';
import { type Container, buildContainer } from '../../src/container.js';
import { seedDemo } from '../../src/demo/seedDemo.js';
import { ClamdScanner, parseClamdAddress } from '../../src/modules/documents/clamd.js';
import { documentFiles, documents } from '../../src/modules/documents/documentsSchema.js';
import { DocumentsRepository } from '../../src/modules/documents/documentsRepository.js';
import { VaultStore } from '../../src/modules/documents/vaultStore.js';
import { CHUNK_BYTES } from '../../src/modules/documents/vaultCrypto.js';
import { families } from '../../src/modules/families/familiesSchema.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { prepareDatabase } from '../../src/platform/db/prepareDatabase.js';
import type { Database } from '../../src/platform/db/database.js';
import type { Benchmark, BenchmarkContext } from '../lib/benchmark.js';
import { logInThroughTheForm } from '../lib/citizenLogin.js';
import { onEachDatabase } from '../lib/databases.js';
import { eq } from 'drizzle-orm';
import { serverOrigin } from '../lib/floor.js';
import type { UploadJob, UploadResult } from '../lib/uploadClient.js';

const MB = 1024 * 1024;
const SLUG = 'chanteloup-les-vignes';

/** The real app on a seeded demo database, with clamd when BENCH_CLAMD_ADDRESS says where. */
async function startApp(database: Database) {
  const container = await buildContainer({ config: { mode: 'demo', trustProxy: false, logLevel: 'silent' }, database });
  await prepareDatabase(database, 'demo', (tx) => seedDemo(tx, container.clock));
  const clamd = process.env.BENCH_CLAMD_ADDRESS ? parseClamdAddress(process.env.BENCH_CLAMD_ADDRESS) : null;
  if (clamd) container.vault.scanner = new ClamdScanner(clamd);
  const app = await buildApp(container);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { container, app, origin: serverOrigin(app.server.address()) };
}

/** The demo family's représentante logged in: her cookie, and the upload form of her justificatif de domicile. */
async function loggedInForm(origin: string, container: Container) {
  // The app believes no proxy here: the address is the loopback's, whatever the header says.
  const cookie = await logInThroughTheForm(origin, { address: '127.0.0.1', commune: SLUG });
  const commune = (await container.communes.resolve(SLUG))!;
  const type = (await container.documentTypes.types(commune)).find((t) => t.code === 'domicile')!;
  const url = `${origin}/${SLUG}/mon-tableau-de-bord/pieces-justificatives/types/${type.id}/envoyer`;
  const form = await fetch(url, { headers: { cookie } });
  if (form.status !== 200) throw new Error(`the upload form answered ${form.status}`);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('the upload form has no _csrf field');
  return { url, cookie, csrf };
}

/** Runs one job in the client process, and reports the server process's peak RSS and heap meanwhile. */
async function runClient(job: UploadJob): Promise<{ result: UploadResult; peakRss: number; peakHeap: number }> {
  const child = fork(fileURLToPath(new URL('../lib/uploadClient.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  try {
    const result = await new Promise<UploadResult>((resolve, reject) => {
      child.once('message', (message) => resolve(message as UploadResult));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`upload client exited with ${code}`)));
      child.send(job);
    });
    return { result, peakRss, peakHeap };
  } finally {
    clearInterval(sampler);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The SHA-256 of every file stored, read back as a family downloads it: each chunk fetched, checked
 * and decrypted by the vault, the plain bytes hashed.
 */
async function hashesReadBack(database: Database, container: Container): Promise<Set<string>> {
  const store = new VaultStore(new DocumentsRepository(database.db), () => container.vault.masterKey);
  const rows = await database.db
    .select({ file: documentFiles, wrappedKey: documents.wrappedKey, masterKeyId: documents.masterKeyId })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId));
  const hashes = new Set<string>();
  for (const row of rows) {
    const hash = createHash('sha256');
    for await (const plain of store.read(row.file.communeId, row, row.file)) hash.update(plain);
    hashes.add(hash.digest('hex'));
  }
  return hashes;
}

const MEMORY_BUDGET_MB = 100;

/**
 * `upload-memory` (target ≥ 1): twenty 10 MB uploads at once; the ratio is 100 MB over what the
 * server's memory grew by (the larger of its RSS and its heap, peak minus before), so ≥ 1 means both
 * grew by less than 100 MB. Each file must be stored whole: the hash of what was sent, found among
 * the files read back from the vault (decrypted) and hashed.
 */
export const uploadMemory: Benchmark = {
  name: 'upload-memory',
  target: 1,
  run: (context: BenchmarkContext) =>
    onEachDatabase('upload memory', context, async (label, database) => {
      const { container, app, origin } = await startApp(database);
      try {
        const form = await loggedInForm(origin, container);
        // One upload first, so that what every upload needs once (code, caches) is not counted.
        await runClient({ ...form, concurrent: false, count: 1, bytes: 10 * MB - 1024 });
        global.gc?.();
        const before = process.memoryUsage();
        context.log('  20 uploads of 10 MB at once');
        const { result, peakRss, peakHeap } = await runClient({
          ...form,
          concurrent: true,
          count: 20,
          bytes: 10 * MB - 1024,
        });
        const stored = await hashesReadBack(database, container);
        const whole = result.sent.filter((sha) => stored.has(sha)).length;
        const rss = (peakRss - before.rss) / MB;
        const heap = (peakHeap - before.heapUsed) / MB;
        const answered = result.statuses.filter((status) => status === 303).length;
        return {
          label,
          ratio: answered === 20 && whole === 20 ? MEMORY_BUDGET_MB / Math.max(rss, heap, 1) : 0,
          details: {
            rss: `+${rss.toFixed(0)} MB`,
            heap: `+${heap.toFixed(0)} MB`,
            stored: `${whole}/20 whole (read back)`,
            answers: result.statuses.map(String).join(' '),
            slowest: `${(Math.max(...result.times) / 1000).toFixed(1)} s`,
            ...(result.refusals.length > 0 ? { refused: [...new Set(result.refusals)].join(' | ') } : {}),
          },
        };
      } finally {
        await app.close();
        await container.stop();
        await database.close();
      }
    }),
};

/**
 * The floor on the database: a bare Fastify route with the same multipart plugin, receiving the same
 * bytes and writing them, in one transaction, in the same chunk table the vault uses, by the same
 * statement (`insertChunk`), in chunks of the same size, with no check, scan, hash or encryption: the
 * storage the issue requires (files in PostgreSQL), without what the app adds on top of it.
 */
async function startDatabaseFloor(database: Database, container: Container) {
  const commune = (await container.communes.resolve(SLUG))!;
  const [family] = await database.db.select().from(families).where(eq(families.communeId, commune.id)).limit(1);
  const type = (await container.documentTypes.types(commune)).find((t) => t.code === 'domicile')!;
  const repository = new DocumentsRepository(database.db);
  const document = await inTransaction(database.db, (tx) =>
    repository.insertDocument(
      {
        communeId: commune.id,
        familyId: family!.id,
        memberId: null,
        typeId: type.id,
        status: 'replaced',
        scan: 'not-scanned',
        uploadedAt: new Date(),
        uploadedBy: null,
        wrappedKey: new Uint8Array(0),
        masterKeyId: 'floor',
      },
      tx,
    ),
  );
  const floor = Fastify({ logger: false });
  await floor.register(multipart, { limits: { fileSize: 10 * MB, files: 11 } });
  floor.post('/upload', async (request, reply) => {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      const chunkCount = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
      await inTransaction(database.db, async (tx) => {
        const id = randomUUID();
        await repository.insertFile(
          {
            id,
            communeId: commune.id,
            documentId: document.id,
            position: 0,
            fileName: 'floor.pdf',
            contentType: 'application/pdf',
            size: bytes.length,
            sha256: '',
            noncePrefix: new Uint8Array(8),
            chunkCount,
          },
          tx,
        );
        for (let seq = 0; seq < chunkCount; seq++)
          await repository.insertChunk(
            {
              fileId: id,
              seq,
              communeId: commune.id,
              bytes: bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES),
            },
            tx,
          );
      });
    }
    return reply.redirect('/', 303);
  });
  await floor.listen({ host: '127.0.0.1', port: 0 });
  return floor;
}

/**
 * `upload-pdf` (target ≥ 0.5): a 5 MB PDF uploaded end to end (received, checked, scanned when
 * clamd is given, encrypted, stored); two floors, bare Fastify routes in the same process with the
 * same multipart plugin receiving the same bytes: one writes them in the database's chunk table
 * (`startDatabaseFloor`, the target line: the storage the issue requires, without the app's work),
 * the other to a file (printed beside it). Each file goes to the app and both floors one right after
 * the other, the first of them turning. Ratio: the database floor's median time over the app's.
 */
export const uploadPdf: Benchmark = {
  name: 'upload-pdf',
  target: 0.5,
  run: (context: BenchmarkContext) =>
    onEachDatabase('5 MB PDF upload', context, async (label, database) => {
      const count = Math.max(6, context.rounds * 4);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-upload-floor-'));
      const fileFloor = Fastify({ logger: false });
      await fileFloor.register(multipart, { limits: { fileSize: 10 * MB, files: 11 } });
      fileFloor.post('/upload', async (request, reply) => {
        let n = 0;
        for await (const part of request.parts())
          if (part.type === 'file') await fs.writeFile(path.join(dir, `${Date.now()}-${n++}`), await part.toBuffer());
        return reply.redirect('/', 303);
      });
      await fileFloor.listen({ host: '127.0.0.1', port: 0 });
      const { container, app, origin } = await startApp(database);
      const databaseFloor = await startDatabaseFloor(database, container);
      try {
        const form = await loggedInForm(origin, container);
        const besides = [databaseFloor, fileFloor].map((floor) => ({
          url: `${serverOrigin(floor.server.address())}/upload`,
          cookie: '',
          csrf: '',
        }));
        // Warm-up: one upload on each side, not counted.
        await runClient({ ...form, concurrent: false, count: 3, bytes: 5 * MB, besides });
        context.log(`  ${count} uploads of a 5 MB PDF, each beside the two floors', the first turning`);
        const { result } = await runClient({ ...form, concurrent: false, count, bytes: 5 * MB, besides });
        if (result.statuses.some((status) => status !== 303))
          throw new Error(`the app answered ${result.statuses.join(' ')}: ${result.refusals.join(' | ')}`);
        if (result.besideStatuses!.flat().some((status) => status !== 303))
          throw new Error(`a floor answered ${result.besideStatuses!.flat().join(' ')}`);
        const databaseMs = median(result.besideTimes![0]!);
        const fileMs = median(result.besideTimes![1]!);
        const appMs = median(result.times);
        return {
          label: `${label}${process.env.BENCH_CLAMD_ADDRESS ? ' · clamd' : ' · no antivirus'}`,
          ratio: databaseMs / appMs,
          details: {
            app: `${appMs.toFixed(0)} ms`,
            'database floor': `${databaseMs.toFixed(0)} ms`,
            'file floor': `${fileMs.toFixed(0)} ms (ratio ${(fileMs / appMs).toFixed(3)})`,
          },
        };
      } finally {
        await app.close();
        await databaseFloor.close();
        await container.stop();
        await database.close();
        await fileFloor.close();
        await fs.rm(dir, { recursive: true, force: true });
      }
    }),
};
