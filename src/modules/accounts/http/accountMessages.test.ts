import { describe, expect, it } from 'vitest';
import { refused } from '../../../shared/outcome.js';
import type { PasswordProblem } from '../domain/passwordPolicy.js';
import { accountFieldErrors, keyMessage, passwordMessage } from './accountMessages.js';

const now = new Date('2026-11-16T09:00:00Z');

describe('accountFieldErrors', () => {
  it('puts the current password’s refusal beside the field the form names', () => {
    expect(
      accountFieldErrors(refused('wrong-password'), { currentPasswordField: 'currentPasswordForEmail', now }),
    ).toEqual({
      currentPasswordForEmail:
        'Le mot de passe actuel est incorrect. Saisissez le mot de passe que vous utilisez pour vous connecter.',
    });
    const locked = accountFieldErrors(refused('password-locked', { until: new Date('2026-11-16T09:15:00Z') }), { now });
    expect(Object.keys(locked)).toEqual(['currentPassword']);
    expect(locked.currentPassword).toMatch(/^Trop de mots de passe erronés : par sécurité, réessayez après /);
  });

  it('words the new password’s problem with the minimum length of the account’s kind', () => {
    expect(
      accountFieldErrors(refused('weak-password', { problem: 'too-short' as const, minLength: 16 }), { now }).password,
    ).toContain('au moins 16 caractères');
    expect(accountFieldErrors(refused('weak-password', { problem: 'too-short' as const }), { now }).password).toContain(
      'au moins 12 caractères',
    );
  });

  it('names the taken identifier, the taken address and the refused key on their own fields', () => {
    expect(accountFieldErrors(refused('username-taken'), { now })).toEqual({
      username: 'Cet identifiant est déjà utilisé. Choisissez-en un autre.',
    });
    expect(Object.keys(accountFieldErrors(refused('email-taken'), { now }))).toEqual(['email']);
    expect(accountFieldErrors(refused('child-key', { key: 'already-linked' as const }), { now })).toEqual({
      childKey: keyMessage('already-linked'),
    });
  });
});

describe('passwordMessage', () => {
  it('gives the minimum length it was given', () => {
    expect(passwordMessage('too-short', 16)).toContain('au moins 16 caractères');
    expect(passwordMessage('too-short')).toContain('au moins 12 caractères');
  });

  it('has a message for every problem', () => {
    const problems: PasswordProblem[] = ['too-short', 'too-long', 'common', 'contains-personal'];
    for (const problem of problems) expect(passwordMessage(problem).length).toBeGreaterThan(20);
  });
});
