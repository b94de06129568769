import { describe, expect, it } from 'vitest';
import { checkPassword } from './passwordPolicy.js';

const none = {};

describe('checkPassword: length', () => {
  it('needs 12 characters by default, 11 is too short', () => {
    expect(checkPassword('vélo bleu 7', none)).toBe('too-short');
    expect(checkPassword('vélo bleu 7k', none)).toBeNull();
  });

  it('counts code points, not UTF-16 units', () => {
    // 'x🙂' is 3 UTF-16 units but 2 characters for the user.
    expect(checkPassword('x🙂'.repeat(5) + 'x', none)).toBe('too-short');
    expect(checkPassword('x🙂'.repeat(6), none)).toBeNull();
    expect(checkPassword('e\u0301'.repeat(6), none)).toBeNull(); // 6 × (e + combining accent)
  });

  it('takes the minimum from the context (agents: 16)', () => {
    expect(checkPassword('grenouille verte', { minLength: 16 })).toBeNull();
    expect(checkPassword('grenouille vert', { minLength: 16 })).toBe('too-short');
  });

  it('accepts up to 128 characters and refuses 129', () => {
    expect(checkPassword('ab'.repeat(64), none)).toBeNull();
    expect(checkPassword('ab'.repeat(64) + 'c', none)).toBe('too-long');
    expect(checkPassword('🙂'.repeat(128), none)).toBeNull();
    expect(checkPassword('🙂'.repeat(129), none)).toBe('too-long');
  });
});

describe('checkPassword: common passwords', () => {
  it('refuses a common password alone, whatever the case, accents and spaces', () => {
    for (const password of ['azertyuiopqsdf', 'MotDePasse1234', 'Mot de passe 1234', 'ÂZERTYUIOPQSDF']) {
      expect(checkPassword(password, none), password).toBe('common');
    }
  });

  it('refuses one padded with digits and punctuation only, before or after', () => {
    const padded = [
      'motdepasse123!',
      'azertyuiop2024',
      '2024!!azertyuiop',
      '!Soleil2026!',
      'doudou123456',
      '123456789012',
    ];
    for (const password of padded) {
      expect(checkPassword(password, none), password).toBe('common');
    }
  });

  it('accepts a common word inside a longer phrase', () => {
    for (const password of ['azertyuiop2024x', 'soleil sur la mer', 'azerty uiop maison']) {
      expect(checkPassword(password, none), password).toBeNull();
    }
  });
});

describe('checkPassword: personal data', () => {
  it('refuses the username, ignoring case and accents, from 3 characters', () => {
    expect(checkPassword('Bonne année Hélène !', { username: 'helene' })).toBe('contains-personal');
    expect(checkPassword('HELENE et les garçons', { username: 'Hélène' })).toBe('contains-personal');
    expect(checkPassword('jd aime le vélo', { username: 'jd' })).toBeNull();
    expect(checkPassword('jdu aime le vélo', { username: 'jdu' })).toBe('contains-personal');
  });

  it("refuses the e-mail's local part, from 3 characters", () => {
    const email = 'marie.curie@example.fr';
    expect(checkPassword('marie.curie et le radium', { email })).toBe('contains-personal');
    expect(checkPassword('ma maison est bleue', { email: 'ma@example.fr' })).toBeNull();
  });

  it("refuses the commune's name without separators, and each of its words of 5 letters or more", () => {
    const communeName = 'Chanteloup-les-Vignes';
    const refused = [
      'chanteloup2026!!',
      'Chanteloup les Vignes 78',
      "j'aime les vignes du coin",
      'CHANTELOUPLESVIGNES',
    ];
    for (const password of refused) {
      expect(checkPassword(password, { communeName }), password).toBe('contains-personal');
    }
    expect(checkPassword('les pommes de mon jardin', { communeName })).toBeNull();
    expect(checkPassword('les chants du loup au loin', { communeName })).toBeNull();
  });

  it('ignores a commune name shorter than 3 letters', () => {
    expect(checkPassword('yeux bleus et yaourt', { communeName: 'Y' })).toBeNull();
  });
});

describe('checkPassword, the commune’s name', () => {
  it('cuts the commune name into words at its spaces, whatever follows them', () => {
    expect(checkPassword('Ma Commune est belle', { communeName: 'Commune abcdef1234' })).toBe('contains-personal');
    expect(checkPassword('Le Saint du village', { communeName: 'Saint-Germain-en-Laye' })).toBe('contains-personal');
  });
});
