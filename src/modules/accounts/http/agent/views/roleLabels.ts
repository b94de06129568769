import type { AgentRole } from '../../../agentsPolicy.js';

/** The agents' roles as the desk reads them. */
export const roleLabels: Record<AgentRole, string> = {
  administrateur: 'Administrateur',
  agent: 'Agent du guichet unique',
  animateur: 'Animateur',
};

export function roleLabel(role: string): string {
  return roleLabels[role as AgentRole] ?? role;
}
