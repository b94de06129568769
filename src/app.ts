import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Container } from './container.js';
import { registerAssets } from './platform/assets/assets.js';
import { frameworkErrorPage, registerErrorPages } from './platform/http/errors.js';
import { registerHealth } from './platform/http/health.js';
import { registerMultipart } from './platform/http/multipartForm.js';
import { registerPages } from './platform/http/pages.js';
import { registerRateLimit } from './platform/http/rateLimit.js';
import { loggerOptions, registerRequestLog } from './platform/http/requestLog.js';
import { registerSecurityHeaders } from './platform/http/securityHeaders.js';
import { registerCommuneRoutes } from './platform/http/tenant.js';
import { registerDemoBrowser } from './platform/demoBrowser.js';
import { demoMailboxRoutes } from './platform/mail/http/demoMailboxRoutes.js';
import { componentsDemoRoutes } from './platform/views/demo/componentsDemoRoutes.js';
import { communeRoutes } from './modules/communes/http/communeRoutes.js';
import { directoryRoutes } from './modules/communes/http/directoryRoutes.js';
import { agentDoor } from './doors/agent/agentDoor.js';
import { citizenDoor } from './doors/citizen/citizenDoor.js';
import * as accounts from './modules/accounts/http/routes.js';
import * as families from './modules/families/http/routes.js';
import * as requests from './modules/requests/http/routes.js';
import * as services from './modules/services/http/routes.js';
import * as bookings from './modules/bookings/http/routes.js';
import * as billing from './modules/billing/http/routes.js';
import * as payments from './modules/payments/http/routes.js';
import * as onlinePayments from './modules/onlinePayments/http/routes.js';
import * as demarches from './modules/demarches/http/routes.js';
import * as documents from './modules/documents/http/routes.js';
import { MAX_FILE_BYTES, MAX_FILES } from './modules/documents/domain/uploadRules.js';

/**
 * The business modules, in the order their pages are registered: each puts its pages behind the
 * citizen door and the agent door (`<module>/http/routes.ts`).
 */
const modules = [
  accounts,
  families,
  requests,
  services,
  bookings,
  billing,
  payments,
  onlinePayments,
  documents,
  demarches,
];

/** The HTTP pipeline, in the order a request meets it, then each module's routes. */
export async function buildApp(container: Container): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(container.config.logLevel),
    trustProxy: trustProxyOption(container.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
    // A URL the router refuses (bad `%`, over-long segment) gets our French page and headers too.
    frameworkErrors: frameworkErrorPage({ assets: container.assets.urls, clock: container.clock }),
  });

  // 1. Every request: id and log line, security headers, cookies and forms, page rendering, error pages.
  registerRequestLog(app, container.config.logLevel);
  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(formbody);
  // Files (the families' documents): parsed only by the routes that take them, after the CSRF check.
  await registerMultipart(app, { fileBytes: MAX_FILE_BYTES, files: MAX_FILES });
  // The demo mail box shows each browser only the mails its own requests sent.
  if (container.config.mode === 'demo') registerDemoBrowser(app);
  registerPages(app, { assets: container.assets.urls, clock: container.clock });
  registerErrorPages(app, container.communes);
  const limits = await registerRateLimit(app, container.config.redisUrl);

  // 2. The deployment's own addresses.
  registerHealth(app, container.database, limits);
  registerAssets(app, container.assets);
  await app.register(directoryRoutes(container.communes));

  // 3. Everything under /:commune, with the commune resolved first: the public pages, then each door
  // (citizen, agent), which loads its own session and checks CSRF in its own scope, with every
  // module's pages behind it.
  await registerCommuneRoutes(app, container.communes, [
    communeRoutes(container.communes),
    // The agenda's subscription link: no session, the secret token in the path is the key.
    bookings.publicRoutes(container),
    // PayFiP's notification: no session, a trigger for a lookup, never trusted.
    onlinePayments.publicRoutes(container),
    citizenDoor(
      container,
      modules.map((module) => module.citizenRoutes(container)),
    ),
    agentDoor(
      container,
      modules.map((module) => module.agentRoutes(container)),
    ),
    ...(container.config.mode === 'demo' ? [demoMailboxRoutes(container.mailbox), componentsDemoRoutes()] : []),
  ]);

  return app;
}

/** A number of proxies becomes "trust that many hops"; Fastify's types take it as a function. */
function trustProxyOption(
  setting: boolean | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}
