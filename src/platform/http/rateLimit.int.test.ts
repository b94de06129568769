import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import { WebClient } from '../../../test/browserSession.js';
import { startTcpProxy } from '../../../test/tcpProxy.js';

// The forgotten-password form allows 10 posts per address in 15 minutes.
const LIMIT = 10;

/** A failed login: an identifier nobody has, so that only the per-address limit can stop it. */
async function failedLogin(app: TestApp, slug: string) {
  const client = new WebClient(app.origin);
  await client.get(`/${slug}/connexion`);
  return client.post(`/${slug}/connexion`, { identifier: 'personne-inconnue', password: 'pas le bon mot de passe' });
}

const health = async (app: TestApp) => {
  const response = await app.get('/healthz');
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

/** Asks /healthz until Redis is as wanted: ioredis notices a lost or returned server on its own schedule. */
async function untilRedis(app: TestApp, wanted: 'up' | 'degraded') {
  for (;;) {
    if ((await health(app)).body.redis === wanted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A loopback port where nothing listens: taken from the system, then closed. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A relay to the real Redis that can refuse every connection for a while, then accept again on the same port. */
async function redisRelay(target: URL) {
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  return { ...proxy, url: `redis://127.0.0.1:${proxy.port}${target.pathname}` };
}

async function forgot(app: TestApp, slug: string, forwardedFor?: string) {
  const client = new WebClient(app.origin, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
  await client.get(`/${slug}/mot-de-passe-oublie`);
  return client.post(`/${slug}/mot-de-passe-oublie`, { identifier: 'personne' });
}

describe.each(testDatabases())('per-address limits ($name)', (testDatabase) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers 429 with Retry-After and a French page past the limit', async () => {
    const app = await buildTestApp(database);
    try {
      const commune = await createCommune(app.container.communes);
      for (let i = 0; i < LIMIT; i++) expect((await forgot(app, commune.slug)).status).toBe(303);
      const refused = await forgot(app, commune.slug);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.html).toContain('Trop de tentatives');
    } finally {
      await app.close();
    }
  });

  // Redis is what makes the limit hold across instances; without it each instance counts alone.
  const redisUrl = process.env.TEST_REDIS_URL;
  it.runIf(Boolean(redisUrl) || Boolean(process.env.CI))('with REDIS_URL, two instances count together', async () => {
    expect(redisUrl, 'CI must set TEST_REDIS_URL (see .ci/run)').toBeTruthy();
    const first = await buildTestApp(database, { redisUrl });
    const second = await buildTestApp(database, { redisUrl });
    try {
      const commune = await createCommune(first.container.communes);
      for (let i = 0; i < LIMIT; i++) expect((await forgot(i % 2 ? first : second, commune.slug)).status).toBe(303);
      expect((await forgot(first, commune.slug)).status).toBe(429);
      expect((await forgot(second, commune.slug)).status).toBe(429);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('behind one proxy, counts the address the proxy saw, not what the visitor wrote before it', async () => {
    const app = await buildTestApp(database, { trustProxy: 1 });
    try {
      const commune = await createCommune(app.container.communes);
      for (let i = 0; i < LIMIT; i++)
        expect((await forgot(app, commune.slug, `10.1.1.${i}, 203.0.113.5`)).status).toBe(303);
      expect((await forgot(app, commune.slug, `10.1.1.99, 203.0.113.5`)).status).toBe(429);
      expect((await forgot(app, commune.slug, `203.0.113.6`)).status).toBe(303);
    } finally {
      await app.close();
    }
  });

  it('without Redis, each instance keeps its own count', async () => {
    const first = await buildTestApp(database);
    const second = await buildTestApp(database);
    try {
      const commune = await createCommune(first.container.communes);
      for (let i = 0; i < LIMIT; i++) await forgot(first, commune.slug);
      expect((await forgot(first, commune.slug)).status).toBe(429);
      expect((await forgot(second, commune.slug)).status).toBe(303);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('with Redis unreachable, each instance counts in memory: 40 failed logins from one address meet a 429, and /healthz says degraded', async () => {
    const app = await buildTestApp(database, { redisUrl: `redis://127.0.0.1:${await deadPort()}` });
    try {
      const commune = await createCommune(app.container.communes);
      expect(await health(app)).toEqual({
        status: 200,
        body: { status: 'degraded', database: 'up', redis: 'degraded' },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await failedLogin(app, commune.slug)).status);
      // The login form allows 30 posts per address in 15 minutes.
      expect(statuses.slice(0, 30).every((status) => status !== 429)).toBe(true);
      expect(statuses.slice(30).every((status) => status === 429)).toBe(true);
      const refused = await failedLogin(app, commune.slug);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.html).toContain('Trop de tentatives');
      // The portal keeps serving.
      expect((await app.get(`/${commune.slug}`)).status).toBe(200);
      expect((await health(app)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it.runIf(Boolean(redisUrl) || Boolean(process.env.CI))(
    'when Redis goes away each instance counts alone, and when it answers again they count together again',
    async () => {
      const relay = await redisRelay(new URL(redisUrl!));
      const first = await buildTestApp(database, { redisUrl: relay.url });
      const second = await buildTestApp(database, { redisUrl: relay.url });
      try {
        expect((await health(first)).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });

        relay.cut();
        await untilRedis(first, 'degraded');
        await untilRedis(second, 'degraded');
        expect((await health(first)).status).toBe(200);
        const away = await createCommune(first.container.communes);
        for (let i = 0; i < LIMIT; i++) expect((await forgot(first, away.slug)).status).toBe(303);
        expect((await forgot(first, away.slug)).status).toBe(429);
        expect((await forgot(second, away.slug)).status).toBe(303);

        relay.restore();
        await untilRedis(first, 'up');
        await untilRedis(second, 'up');
        const back = await createCommune(first.container.communes);
        for (let i = 0; i < LIMIT; i++) expect((await forgot(i % 2 ? first : second, back.slug)).status).toBe(303);
        expect((await forgot(first, back.slug)).status).toBe(429);
        expect((await forgot(second, back.slug)).status).toBe(429);
      } finally {
        await first.close();
        await second.close();
        await relay.close();
      }
    },
  );
});
