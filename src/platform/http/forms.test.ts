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
