import { randomBytes } from 'node:crypto';
import type { Container } from '../src/container.js';
import type { AgentRole } from '../src/modules/accounts/agentsPolicy.js';
import { type Agent, AgentsRepository } from '../src/modules/accounts/agentsRepository.js';
import { newTotpSecret, totpCode } from '../src/modules/accounts/domain/totp.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { WebClient } from './browserSession.js';
import { lightHashOf } from './passwordHashes.js';
import type { TestApp } from './testApp.js';

/** Long enough for the agents' rule (16 characters), and in no common-password list. */
export const AGENT_PASSWORD = 'Le registre bleu du guichet unique';

// One hash serves every agent created with the default password; a light argon2id, as the
// citizens' (test/passwordHashes.ts): the app verifies it with the parameters written in it.
let defaultHash: Promise<string> | undefined;

export interface TestAgent {
  agent: Agent;
  password: string;
  /** Null for an agent who has not enrolled their second factor yet. */
  totpSecret: string | null;
}

/** An agent straight into the table, with a known password and TOTP secret (or none: enrolment to do). */
export async function createAgent(
  container: Container,
  commune: Commune,
  options: {
    role?: AgentRole;
    email?: string;
    password?: string;
    enrolled?: boolean;
    firstName?: string;
    lastName?: string;
  } = {},
): Promise<TestAgent> {
  const password = options.password ?? AGENT_PASSWORD;
  const passwordHash = options.password
    ? await lightHashOf(password)
    : await (defaultHash ??= lightHashOf(AGENT_PASSWORD));
  const totpSecret = options.enrolled === false ? null : newTotpSecret();
  const agent = await new AgentsRepository(container.database.db).insert({
    communeId: commune.id,
    email: options.email ?? `agent-${randomBytes(4).toString('hex')}@${commune.slug}.example.org`,
    firstName: options.firstName ?? 'Camille',
    lastName: options.lastName ?? 'Bernard',
    role: options.role ?? 'agent',
    passwordHash,
    totpSecret,
  });
  if (!agent) throw new Error('createAgent: this e-mail is already an agent of the commune');
  return { agent, password, totpSecret };
}

/** A family file with its two responsible adults and one child. */
export async function createFamily(
  container: Container,
  commune: Commune,
  lastName = `Famille${randomBytes(3).toString('hex')}`,
) {
  const families = container.families;
  const family = await families.insertFamily(commune.id, `F-${randomBytes(4).toString('hex').toUpperCase()}`);
  const representative = await families.insertAdult({
    communeId: commune.id,
    familyId: family.id,
    role: 'representant',
    civility: 'madame',
    firstName: 'Aurélie',
    lastName,
    email: 'aurelie@example.org',
  });
  const coRepresentative = await families.insertAdult({
    communeId: commune.id,
    familyId: family.id,
    role: 'co-representant',
    civility: 'monsieur',
    firstName: 'Xavier',
    lastName,
  });
  const child = await families.insertMember({
    communeId: commune.id,
    familyId: family.id,
    firstName: 'Rémi',
    lastName,
    birthDate: '2018-05-14',
  });
  return { family, representative, coRepresentative, child };
}

/**
 * A browser logged into the guichet as this agent, through the real pages: password, then the code
 * of the next TOTP step (the clock moves 30 s first, so that no earlier login's code is replayed).
 */
export async function loggedInAgent(t: TestApp, commune: Commune, agent: TestAgent): Promise<WebClient> {
  const client = new WebClient(t.origin);
  await client.get(`/${commune.slug}/guichet/connexion`);
  const login = await client.post(`/${commune.slug}/guichet/connexion`, {
    email: agent.agent.email,
    password: agent.password,
  });
  if (login.location !== `/${commune.slug}/guichet/double-authentification`)
    throw new Error(`login refused (${login.status})`);
  await client.get(login.location);
  t.clock.advance(30_000);
  const second = await client.post(login.location, { code: totpCode(agent.totpSecret!, t.clock.now()) });
  if (second.location !== `/${commune.slug}/guichet`) throw new Error(`second factor refused (${second.status})`);
  await client.get(second.location);
  return client;
}
