import type { Citizen } from './citizensRepository.js';

export const civilities = { madame: 'Madame', monsieur: 'Monsieur' } as const;
export type Civility = keyof typeof civilities;

/** « Madame DUPONT »: how the portal and its mails address the account holder. */
export function greetingOf(citizen: Pick<Citizen, 'civility' | 'lastName'>): string {
  const civility = civilities[citizen.civility as Civility] ?? '';
  return `${civility} ${citizen.lastName.toLocaleUpperCase('fr-FR')}`.trim();
}
