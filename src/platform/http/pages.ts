import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import type { Commune } from '../../modules/communes/domain/commune.js';
import type { AssetUrls } from '../assets/assets.js';
import type { Clock } from '../clock.js';
import { KeptCopies } from '../keptCopies.js';
import type { PageContext, Viewer } from '../views/PageContext.js';
import { renderPage } from '../views/render.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The commune named at the start of the URL, once resolved. */
    commune?: Commune;
    /** True once the start of the URL has been looked up, found or not: a 404 need not ask again. */
    communeLookedUp: boolean;
    /** Set by a door's hook once its session is loaded: the page shell then shows the door's navigation. */
    viewer?: Viewer;
  }
  interface FastifyReply {
    /** Renders a page component with this request's context (nonce, commune, clock) and sends it. */
    page(view: PageView, status?: number): FastifyReply;
    /**
     * Sends a page that is the same for every visitor (a commune's public pages), rendered at most
     * once per SHARED_PAGE_MS per key; only the nonce changes from one response to the next.
     * The key must name everything the page depends on besides the commune and the clock.
     */
    sharedPage(key: string, load: () => Promise<PageView>): FastifyReply | Promise<FastifyReply>;
  }
}

export type PageView = (context: PageContext) => VNode;

/** Same delay as the commune's own settings (docs/adr/0003-commune-cache.md). */
export const SHARED_PAGE_MS = 10_000;
// Stands for the nonce in a stored page: random per process, so no text a commune writes can
// contain it; hexadecimal, so the renderer leaves it untouched.
const NONCE_MARK = `nonce${randomBytes(16).toString('hex')}`;
const MAX_SHARED_PAGES = 2000;

export function registerPages(app: FastifyInstance, deps: { assets: AssetUrls; clock: Clock }): void {
  const shared = new KeptCopies<Buffer[]>(deps.clock, SHARED_PAGE_MS, MAX_SHARED_PAGES);

  app.decorateRequest('commune', undefined);
  app.decorateRequest('communeLookedUp', false);
  app.decorateRequest('viewer', undefined);
  app.decorateReply('page', function (this: FastifyReply, view: PageView, status = 200) {
    // The closures below read the reply by its name.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const reply = this;
    let hasForm = false;
    const context: PageContext = {
      nonce: reply.nonce,
      assets: deps.assets,
      commune: reply.request.commune,
      now: deps.clock.now(),
      path: reply.request.url.split('?')[0],
      viewer: reply.request.viewer,
      // Only the doors with sessions have forms; a page elsewhere (an error page) has none to protect.
      csrfToken: () => {
        hasForm = true;
        return typeof reply.csrfToken === 'function' ? reply.csrfToken() : '';
      },
    };
    const html = renderPage(view(context));
    // SECURITY.md: nothing behind a login may be kept by a browser or a proxy; nor may a form, which
    // carries its token (and, on the pages behind a mailed link, the link's own token).
    if (reply.request.viewer || reply.request.session || hasForm) reply.header('cache-control', 'no-store');
    return sendHtml(reply, status, html);
  });
  const render = async (fullKey: string, load: () => Promise<PageView>, commune: Commune | undefined, now: Date) => {
    const view = await load();
    const html = renderPage(view({ nonce: NONCE_MARK, assets: deps.assets, commune, now, csrfToken: () => '' }));
    const parts = html.split(NONCE_MARK).map((part) => Buffer.from(part));
    shared.set(fullKey, parts, now);
    return parts;
  };
  app.decorateReply('sharedPage', function (this: FastifyReply, key: string, load: () => Promise<PageView>) {
    const now = deps.clock.now();
    const commune = this.request.commune;
    const fullKey = `${commune?.id ?? '-'}:${commune?.version ?? '-'}:${key}`;
    const parts = shared.get(fullKey);
    // The common case answers synchronously: no promise between the request and its bytes.
    if (parts) return sendHtml(this, 200, withNonce(parts, this.nonce));
    return render(fullKey, load, commune, now).then((fresh) => sendHtml(this, 200, withNonce(fresh, this.nonce)));
  });
}

/** The stored page's bytes with this response's nonce between its parts: no text to encode again. */
function withNonce(parts: Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0]!;
  const mark = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(mark);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

function sendHtml(reply: FastifyReply, status: number, html: string | Buffer): FastifyReply {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
