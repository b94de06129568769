import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // A bound for a test that hangs, not a measure of speed: a loaded machine may take minutes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Pure tests run in the commune's zone here, and again in another zone (npm run test:other-tz).
    env: { TZ: process.env.TZ ?? 'Europe/Paris' },
  },
});
