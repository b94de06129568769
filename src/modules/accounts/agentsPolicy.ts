import type { AuditActor } from '../audit/auditLog.js';

/**
 * Who may do what at the guichet unique (PRODUCT.md, « Who uses it »). The commune comes first: an
 * agent acts only in the commune they belong to; then the role. The routes answer 404, not 403, to
 * whoever may not: there is nothing to learn about pages one cannot use.
 */
export const AGENT_ROLES = ['administrateur', 'agent', 'animateur'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export type AgentPermission =
  /** The back office's home page. */
  | 'dashboard'
  /** Search families and read their files. */
  | 'families'
  /** Issue, reissue and revoke a responsible adult's Clé Enfance. */
  | 'child-keys'
  /** Invite agents, change their roles, disable and enable them. */
  | 'agents'
  /** Read the audit log. */
  | 'audit'
  /** Work the requests queue: take, answer, decide. */
  | 'requests'
  /** Change a family file directly (audited). */
  | 'family-edit'
  /** Read the members' health notes (each view audited). */
  | 'health'
  /** The commune's settings: which family fields need validation, the calendar, the services and their rules. */
  | 'settings'
  /** The day's lists of expected children per service and school. */
  | 'day-lists'
  /** Take attendance (pointage), adding a child who came without booking. */
  | 'attendance'
  /** Holiday sessions: bookings and waiting lists, promote or remove by hand. */
  | 'sessions'
  /** The commune's mails that could not leave (refused, relay away, link expired), and « Renvoyer ». */
  | 'mails'
  /** The families' documents: read them (each view audited), validate or refuse them. */
  | 'documents';

const permissions: Record<AgentRole, ReadonlySet<AgentPermission>> = {
  administrateur: new Set([
    'dashboard',
    'families',
    'child-keys',
    'agents',
    'audit',
    'requests',
    'family-edit',
    'health',
    'settings',
    'day-lists',
    'attendance',
    'sessions',
    'mails',
    'documents',
  ]),
  // The desk's agents answer the families who say a mail never came: they see the failed ones too.
  agent: new Set([
    'dashboard',
    'families',
    'child-keys',
    'requests',
    'family-edit',
    'health',
    'day-lists',
    'attendance',
    'sessions',
    'mails',
    'documents',
  ]),
  // The staff on site: the day's lists (with diets and PAI flags, not the health notes) and the pointage.
  animateur: new Set(['dashboard', 'day-lists', 'attendance']),
};

export function isAgentRole(value: string): value is AgentRole {
  return (AGENT_ROLES as readonly string[]).includes(value);
}

export interface Actor {
  communeId: string;
  role: string;
  disabledAt: Date | null;
}

/** Whether this agent may do this in this commune. A disabled agent, or an unknown role, may do nothing. */
export function agentMay(agent: Actor, permission: AgentPermission, communeId: string): boolean {
  if (agent.communeId !== communeId || agent.disabledAt !== null) return false;
  return isAgentRole(agent.role) && permissions[agent.role].has(permission);
}

/** How the audit log names an agent: by the e-mail they log in with. */
export function agentActor(agent: { id: string; email: string }): AuditActor & { id: string } {
  return { kind: 'agent', id: agent.id, label: agent.email };
}

/** An agent as the requests and the family's history name them: by their name, which families may read. */
export function agentAuthor(agent: { id: string; firstName: string; lastName: string }) {
  return {
    kind: 'agent' as const,
    id: agent.id,
    label: `${agent.firstName} ${agent.lastName.toLocaleUpperCase('fr-FR')}`,
  };
}
