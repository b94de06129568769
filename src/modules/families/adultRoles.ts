/** The responsible adults' roles as people read them. */
const adultRoles: Record<string, string> = { representant: 'Représentant', 'co-representant': 'Co-représentant' };

export function adultRoleLabel(role: string): string {
  return adultRoles[role] ?? role;
}
