import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../http/refusals.js';
import { idParams } from '../../http/routeParams.js';
import { demoBrowserNow } from '../../demoBrowser.js';
import { communeOf } from '../../http/tenant.js';
import type { Commune } from '../../../modules/communes/domain/commune.js';
import { communePaths } from '../../views/paths.js';
import type { MailboxRepository } from '../mailboxRepository.js';
import { DemoMailPage } from './views/DemoMailPage.js';
import { DemoMailboxPage } from './views/DemoMailboxPage.js';

/**
 * The demo mail box: in demo mode no mail leaves the server, so a visitor reads here the mails the
 * portal sent (activation, password reset) and follows their links. Each browser reads only the
 * mails its own requests sent (`demoBrowser.ts`): on a public demo, another visitor's reset link
 * would open their account. Mounted under `/:commune`, in demo mode only.
 */
export function demoMailboxRoutes(mailbox: MailboxRepository): FastifyPluginAsync {
  return async (app) => {
    // These mails hold links that open accounts: no cache, shared or private, may keep a copy.
    // A hook, because reply.page sets its own Cache-Control when it sends.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    app.get('/boite-mail-demo', async (request, reply) => {
      const commune = communeOf(request);
      const browser = demoBrowserNow();
      const mails = browser ? await mailbox.list(commune.id, browser) : [];
      const basePath = mailboxPath(commune);
      return reply.page((context) => DemoMailboxPage({ context, mails, basePath }));
    });

    app.get<{ Params: { id: string } }>('/boite-mail-demo/:id', idParams('id'), async (request, reply) => {
      const commune = communeOf(request);
      const browser = demoBrowserNow();
      const mail = browser ? await mailbox.find(commune.id, browser, request.params.id) : null;
      if (!mail) return notFound(reply);
      const basePath = mailboxPath(commune);
      return reply.page((context) => DemoMailPage({ context, mail, basePath }));
    });
  };
}

function mailboxPath(commune: Commune): string {
  return `${communePaths(commune).home}/boite-mail-demo`;
}
