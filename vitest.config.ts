import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Rules are checked in the commune's zone and in another one (DEADLINES.md); see test/timezones.
    env: { TZ: process.env.TZ ?? 'Europe/Paris' },
  },
});
