import { WebClient } from './browserSession.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { createFamily } from './agentFactories.js';
import { activeCitizen, loggedIn } from './citizenFactories.js';
import type { TestApp } from './testApp.js';

/**
 * A family file (représentante, co-représentant, a child) whose représentante has an active account
 * linked to it, logged in (in `options.browser`, e.g. one with its own address, when given; not at all
 * with `logIn: false`): the starting point of the family pages' tests.
 */
export async function linkedParent(
  t: TestApp,
  commune: Commune,
  lastName?: string,
  options: { browser?: WebClient; logIn?: boolean } = {},
) {
  const file = await createFamily(t.container, commune, lastName);
  const citizen = await activeCitizen(t, commune, {
    firstName: file.representative.firstName,
    lastName: file.representative.lastName,
  });
  if (!(await t.container.families.linkCitizen(commune.id, file.representative.id, citizen.id)))
    throw new Error('linkedParent: could not link');
  // Without a login (a family only the desk acts on), the client stays a stranger's: logins are rate limited.
  const client =
    options.logIn === false
      ? new WebClient(t.origin)
      : await loggedIn(t, commune, citizen.username, citizen.password, options.browser);
  return { ...file, citizen, client };
}
