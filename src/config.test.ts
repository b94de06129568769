import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs the demo on the embedded database by default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.mode).toBe('demo');
    expect(config.database.kind).toBe('pglite');
  });

  it('defaults to production mode when NODE_ENV is production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).mode).toBe('production');
  });

  it('switches to a PostgreSQL server with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/parvis' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db:5432/parvis' });
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses a database URL of another kind', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('accepts PARVIS_NOW in demo mode only', () => {
    expect(loadConfig({ PARVIS_NOW: '2026-11-02T12:00:00+01:00' }).now?.toISOString()).toBe('2026-11-02T11:00:00.000Z');
    expect(() => loadConfig({ PARVIS_MODE: 'production', PARVIS_NOW: '2026-11-02T12:00:00+01:00' })).toThrow(
      /only allowed in demo mode/,
    );
    expect(() => loadConfig({ PARVIS_NOW: 'demain' })).toThrow(/PARVIS_NOW/);
  });

  it('takes a PARVIS_SECRET of 32 characters or more, and refuses a shorter one, naming the variable', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ PARVIS_SECRET: secret }).secret).toBe(secret);
    expect(loadConfig({}).secret).toBeUndefined();
    expect(() => loadConfig({ PARVIS_SECRET: 'court' })).toThrow(
      /PARVIS_SECRET=\(hidden\): must be at least 32 characters/,
    );
    expect(() => loadConfig({ PARVIS_SECRET: 'court' })).not.toThrow(/court/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('trusts a number of proxies or their addresses, never every hop', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.0.0/8' }).trustProxy).toBe('10.0.0.1,10.0.0.0/8');
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
