import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../../platform/http/refusals.js';
import { communeOf } from '../../../platform/http/tenant.js';
import { formatFileSize } from '../../../shared/format.js';
import type { CommunesService } from '../communesService.js';
import type { CommuneTextKind } from '../domain/commune.js';
import { guideFor } from '../guide/guideContent.js';
import { communePaths } from '../../../platform/views/paths.js';
import { ContactsPage } from './views/ContactsPage.js';
import { GuidePage } from './views/GuidePage.js';
import { HomePage } from './views/HomePage.js';
import { TextPage } from './views/TextPage.js';

/** A commune's public pages: home, legal texts, contacts, guide. Mounted under `/:commune`. */
export function communeRoutes(communes: CommunesService): FastifyPluginAsync {
  return async (app) => {
    // Public pages are the same for every visitor: rendered once per few seconds (reply.sharedPage).
    app.get('/', (request, reply) => {
      const commune = communeOf(request);
      return reply.sharedPage('home', async () => {
        const [help, keyFacts, pdf] = await Promise.all([
          communes.optionalText(commune, 'aide'),
          communes.optionalText(commune, 'reperes'),
          communes.guidePdf(commune),
        ]);
        return (context) => HomePage({ context, commune, help, keyFacts, guidePdfSize: formatFileSize(pdf.length) });
      });
    });

    const textPages: [string, CommuneTextKind][] = [
      ['/mentions-legales', 'mentions-legales'],
      ['/conditions-generales-d-utilisation', 'conditions-generales-d-utilisation'],
      ['/accessibilite', 'accessibilite'],
    ];
    for (const [url, kind] of textPages) {
      app.get(url, (request, reply) =>
        reply.sharedPage(kind, async () => {
          const text = await communes.text(communeOf(request), kind);
          return (context) => TextPage({ context, text });
        }),
      );
    }

    app.get('/contacts', (request, reply) => {
      const commune = communeOf(request);
      return reply.sharedPage('contacts', async () => (context) => ContactsPage({ context, commune }));
    });

    app.get('/mode-d-emploi', (request, reply) => {
      const commune = communeOf(request);
      return reply.sharedPage('guide', async () => {
        const pdf = await communes.guidePdf(commune);
        return (context) =>
          GuidePage({ context, commune, guide: guideFor(commune), pdfSize: formatFileSize(pdf.length) });
      });
    });

    app.get('/mode-d-emploi.pdf', async (request, reply) => {
      const commune = communeOf(request);
      const pdf = await communes.guidePdf(commune);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="mode-d-emploi-espace-citoyens-${commune.slug}.pdf"`)
        .header('cache-control', 'public, max-age=3600')
        .send(pdf);
    });

    app.get<{ Params: { version: string } }>('/logo/:version', async (request, reply) => {
      const commune = communeOf(request);
      // An old address must not be kept for ever with a new image behind it: send it to the current one.
      if (request.params.version !== commune.version) return reply.redirect(communePaths(commune).logo, 302);
      const logo = await communes.logo(commune);
      if (!logo) return notFound(reply);
      return (
        reply
          .type(logo.mediaType)
          // The address changes with the commune's settings, so the logo may be kept long.
          .header('cache-control', 'public, max-age=31536000, immutable')
          // An SVG opened directly must not run anything.
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(Buffer.from(logo.bytes))
      );
    });
  };
}
