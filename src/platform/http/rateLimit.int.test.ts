import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import { WebClient } from '../../../test/browserSession.js';

// The forgotten-password form allows 10 posts per address in 15 minutes.
const LIMIT = 10;

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
      for (let i = 0; i < LIMIT; i++) expect((await forgot(app, commune.slug, `10.1.1.${i}, 203.0.113.5`)).status).toBe(303);
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
});
