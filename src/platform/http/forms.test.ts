import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './forms.js';

describe('withoutSecrets', () => {
  it('drops passwords, codes and tokens, and keeps every other field, postcode included', () => {
    const kept = withoutSecrets({
      postcode: '78570',
      email: 'a@example.org',
      password: 'x',
      passwordConfirmation: 'x',
      currentPassword: 'x',
      code: '123456',
      recoveryCode: 'ABCDE-FGHJK',
      jeton: 't',
      _csrf: 'c',
    });
    expect(kept).toEqual({ postcode: '78570', email: 'a@example.org' });
  });
});

describe('parseForm', () => {
  it('refuses a line break or a NUL in any field with a French message, keeping what was typed', async () => {
    const { z } = await import('zod');
    const { parseForm } = await import('./forms.js');
    const parsed = parseForm(z.object({ lastName: z.string() }), {
      lastName: 'Martin,\n\nVotre dossier est suspendu',
      city: 'Eve\u0000',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual(['lastName', 'city']);
    expect(parsed.errors.lastName).toContain('une seule ligne');
  });
});

describe('errorForLog', () => {
  it('keeps the query but never its parameters', async () => {
    const { errorForLog } = await import('./requestLog.js');
    const error = new Error(
      'Failed query: insert into "citizens" values ($1, $2)\nparams: eve@example.net,$argon2id$v=19$m=19456',
    );
    const logged = JSON.stringify(errorForLog(error));
    expect(logged).toContain('Failed query');
    expect(logged).not.toContain('eve@example.net');
    expect(logged).not.toContain('argon2id');
  });
});
