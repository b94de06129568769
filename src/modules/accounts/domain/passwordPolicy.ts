import { readFileSync } from 'node:fs';

/**
 * The password rules of SECURITY.md "Accounts and sessions" (ANSSI / OWASP ASVS 6.2): a length,
 * no composition rules, and a refusal of the passwords an attacker tries first.
 */
export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-personal';

export const MIN_PASSWORD_LENGTH = 12;
export const AGENT_MIN_PASSWORD_LENGTH = 16;
export const MAX_PASSWORD_LENGTH = 128;

export interface PasswordContext {
  username?: string;
  email?: string;
  communeName?: string;
  minLength?: number;
}

// Read once at module load, not per call: the list ships with the code and never changes while
// the process runs, so this is configuration more than I/O, and the rule itself stays pure.
const commonPasswords: ReadonlySet<string> = new Set(
  readFileSync(new URL('./commonPasswords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
);

// Digits, punctuation and symbols: what people add around a common word to pass a form.
const PADDING = /[\p{N}\p{P}\p{S}]/u;

export function checkPassword(password: string, context: PasswordContext): PasswordProblem | null {
  // Code points, not UTF-16 units: an emoji or a rare accent is one character for the user.
  const length = [...password].length;
  if (length < (context.minLength ?? MIN_PASSWORD_LENGTH)) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';
  const folded = fold(password);
  if (isPaddedCommon(folded)) return 'common';
  if (containsPersonal(folded, context)) return 'contains-personal';
  return null;
}

/** Lower case, no accents, no spaces: "Mot de Passe" and "motdepasse" are the same guess. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s/gu, '');
}

function lettersOnly(text: string): string {
  return text.replace(/\P{L}/gu, '');
}

/** True when the password is a common one, alone or with only digits/punctuation around it. */
function isPaddedCommon(folded: string): boolean {
  const chars = [...folded];
  let prefixEnd = 0;
  while (prefixEnd < chars.length && PADDING.test(chars[prefixEnd]!)) prefixEnd++;
  let suffixStart = chars.length;
  while (suffixStart > 0 && PADDING.test(chars[suffixStart - 1]!)) suffixStart--;
  // Any cut inside the leading and trailing padding may be where the common word starts and ends
  // ("1234567890" + "12"); at most 129² cuts, as the length is checked first.
  for (let start = 0; start <= prefixEnd; start++) {
    for (let end = Math.max(start + 1, suffixStart); end <= chars.length; end++) {
      if (commonPasswords.has(chars.slice(start, end).join(''))) return true;
    }
  }
  return false;
}

function containsPersonal(folded: string, context: PasswordContext): boolean {
  // Below 3 characters an identifier would refuse far too many unrelated passwords.
  const personal = [context.username, localPart(context.email)]
    .map((value) => fold(value ?? ''))
    .filter((value) => [...value].length >= 3);
  if (personal.some((value) => folded.includes(value))) return true;
  if (!context.communeName) return false;
  // "Chanteloup-les-Vignes": the whole name without separators, and each word of 5 letters or more
  // ("chanteloup2026!!"); the whole name needs 3 letters too, or the commune of Y would refuse every y.
  const letters = lettersOnly(folded);
  const name = fold(context.communeName);
  // Words are cut before the spaces go: "Commune abcdef" is two words, not "communeabcdef".
  const words = context.communeName
    .split(/[\s\p{P}]+/u)
    .map((word) => lettersOnly(fold(word)))
    .filter((word) => [...word].length >= 5);
  return [lettersOnly(name), ...words].some((part) => [...part].length >= 3 && letters.includes(part));
}

function localPart(email: string | undefined): string {
  if (!email) return '';
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at);
}
