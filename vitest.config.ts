import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // A worker runs its test files one after another in one module graph: the app's modules are
    // loaded once per worker instead of once per file, which was a fifth of the run. The tests keep
    // no state in modules (no mocks, no stubbed globals; each file builds its own app and database).
    isolate: false,
    // Two files at a time even on two cores: an integration test waits on its database, its jobs and
    // its HTTP calls much of the time, and the other file uses that time (vitest's default is one
    // worker less than the cores, a single one there).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A bound for a test that hangs, not a measure of speed: a loaded machine may take minutes, to
    // run a test as to build an app on a fresh PGlite in a `beforeAll` (seen past 60 s with two
    // files at a time on a shared machine).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Pure tests run in the commune's zone here, and again in another zone (npm run test:other-tz).
    env: { TZ: process.env.TZ ?? 'Europe/Paris' },
  },
});
