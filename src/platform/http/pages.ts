import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import type { Commune } from '../../modules/communes/domain/commune.js';
import type { AssetUrls } from '../assets/assets.js';
import type { Clock } from '../clock.js';
import type { PageContext } from '../views/PageContext.js';
import { renderPage } from '../views/render.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The commune named at the start of the URL, once resolved. */
    commune?: Commune;
  }
  interface FastifyReply {
    /** Renders a page component with this request's context (nonce, commune, clock) and sends it. */
    page(view: (context: PageContext) => VNode, status?: number): FastifyReply;
  }
}

export function registerPages(app: FastifyInstance, deps: { assets: AssetUrls; clock: Clock }): void {
  app.decorateRequest('commune', undefined);
  app.decorateReply('page', function (view: (context: PageContext) => VNode, status = 200) {
    const context: PageContext = { nonce: this.nonce, assets: deps.assets, commune: this.request.commune, now: deps.clock.now() };
    return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderPage(view(context)));
  });
}
