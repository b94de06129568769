import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Container } from './container.js';
import { registerAssets } from './platform/assets/assets.js';
import { frameworkErrorPage, registerErrorPages } from './platform/http/errors.js';
import { registerHealth } from './platform/http/health.js';
import { registerPages } from './platform/http/pages.js';
import { registerRateLimit } from './platform/http/rateLimit.js';
import { loggerOptions, registerRequestLog } from './platform/http/requestLog.js';
import { registerSecurityHeaders } from './platform/http/securityHeaders.js';
import { registerCommuneRoutes } from './platform/http/tenant.js';
import { registerDemoBrowser } from './platform/demoBrowser.js';
import { demoMailboxRoutes } from './platform/mail/http/demoMailboxRoutes.js';
import { agentRoutes } from './modules/accounts/http/agent/agentRoutes.js';
import { citizenRoutes } from './modules/accounts/http/citizen/citizenRoutes.js';
import { communeRoutes } from './modules/communes/http/communeRoutes.js';
import { directoryRoutes } from './modules/communes/http/directoryRoutes.js';
import { calendarFeedRoute } from './modules/bookings/http/calendarFeedRoute.js';

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
  // The demo mail box shows each browser only the mails its own requests sent.
  if (container.config.mode === 'demo') registerDemoBrowser(app);
  registerPages(app, { assets: container.assets.urls, clock: container.clock });
  registerErrorPages(app, container.communes);
  const limits = await registerRateLimit(app, container.config.redisUrl);

  // 2. The deployment's own addresses.
  registerHealth(app, container.database, limits);
  registerAssets(app, container.assets);
  await app.register(directoryRoutes(container.communes));

  // 3. Everything under /:commune, with the commune resolved first. Each door (citizen, agent)
  // loads its own session and checks CSRF in its own scope.
  await registerCommuneRoutes(app, container.communes, [
    communeRoutes(container.communes),
    // The agenda's subscription link: no session, the secret token in the path is the key.
    calendarFeedRoute(container),
    citizenRoutes(container),
    agentRoutes(container),
    ...(container.config.mode === 'demo' ? [demoMailboxRoutes(container.mailbox)] : []),
  ]);

  return app;
}

/** A number of proxies becomes "trust that many hops"; Fastify's types take it as a function. */
function trustProxyOption(setting: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}
