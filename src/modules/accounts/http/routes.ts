import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { accountEntryRoutes } from './citizen/accountEntryRoutes.js';
import { mySpaceRoutes } from './citizen/mySpaceRoutes.js';
import { profileRoutes } from './citizen/profileRoutes.js';
import { administrationRoutes } from './agent/administrationRoutes.js';
import { agentEntryRoutes } from './agent/agentEntryRoutes.js';
import { childKeyDeskRoutes } from './agent/childKeyDeskRoutes.js';
import { mailFailuresRoutes } from './agent/mailFailuresRoutes.js';

/** Behind the citizen door: Créer mon espace, login, reset, activation, Mon accueil, Mon espace. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  const { citizens, identifiers, profile, childKeys, familyFile, news, clock } = container;
  // Read when the app is built, once the deployment's mode is settled: the demo points to its mail box,
  // and says whether the mail also left by SMTP.
  const demoMail = container.config.mode === 'demo' ? (container.mailer.sendsOut ? 'smtp' : 'mailbox') : null;
  return async (app) => {
    await app.register(accountEntryRoutes({ citizens, identifiers, clock, demoMail }));
    await app.register(mySpaceRoutes({ identifiers, childKeys, familyFile, news, clock }));
    await app.register(profileRoutes({ profile, familyFile }));
  };
}

/** Behind the agent door: login and second factor, the desk's home, Clés Enfance, agents, journal, failed mails. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  const { agents, familyFile, childKeys, requests, site, audit, mailFailures, clock, catalogue, attendance } =
    container;
  return async (app) => {
    await app.register(agentEntryRoutes({ agents, clock }));
    await app.register(childKeyDeskRoutes({ agents, familyFile, childKeys, requests, site, attendance }));
    await app.register(administrationRoutes({ agents, audit, clock, familyFile, catalogue }));
    await app.register(mailFailuresRoutes({ mailFailures }));
  };
}
