import { agreed } from '../../shared/words.js';

/** The responsible adults' roles as people read them, in the masculine and the feminine. */
const adultRoles: Record<string, { masculine: string; feminine: string }> = {
  representant: { masculine: 'Représentant', feminine: 'Représentante' },
  'co-representant': { masculine: 'Co-représentant', feminine: 'Co-représentante' },
};

/** « Représentante » for Madame, « Représentant » for Monsieur or when the civility is not known. */
export function adultRoleLabel(role: string, civility?: string | null): string {
  const forms = adultRoles[role];
  return forms ? agreed(civility, forms) : role;
}
