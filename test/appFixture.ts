import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../src/platform/db/database.js';
import { type TestApp, type TestAppOptions, buildTestApp } from './testApp.js';

/**
 * The set-up every integration describe block shares: before its tests, a database (one of
 * `testDatabases()`) and the real app on loopback over it; after them, the app stopped and the
 * database closed.
 *
 *   describe.each(testDatabases())('… on $name', ({ open }) => {
 *     const { t, database } = useTestApp(open);
 *
 * `t` and `database` stand for what `beforeAll` builds: read them inside hooks and tests, not while
 * the block is collected. Options may be a function, for values known only once earlier hooks ran
 * (an SMTP sink's address). A block's own `afterAll` runs before this one's (vitest runs the after
 * hooks in reverse order), so it still finds the app running.
 */
export function useTestApp(
  open: () => Promise<Database>,
  options: TestAppOptions | (() => TestAppOptions) = {},
): { t: TestApp; database: Database } {
  let database: Database | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    database = await open();
    app = await buildTestApp(database, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });
  return {
    t: standIn(() => app, 'the test app'),
    database: standIn(() => database, 'the test database'),
  };
}

/** An object that forwards every read to the one `current` returns, once there is one. */
function standIn<T extends object>(current: () => T | undefined, name: string): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target) throw new Error(`${name} is built in beforeAll: read it inside a hook or a test`);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
