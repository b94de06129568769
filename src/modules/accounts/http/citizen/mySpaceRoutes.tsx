import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { idParams } from '../../../../platform/http/routeParams.js';
import { notFound } from '../../../../platform/http/refusals.js';
import type { IdentifiersService } from '../../identifiersService.js';
import type { ChildKeysService } from '../../childKeysService.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { NewsService } from '../../../news/newsService.js';
import type { Clock } from '../../../../platform/clock.js';
import { formValues, parseForm, withoutSecrets } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { perAddress } from '../../../../platform/http/rateLimit.js';
import { emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { greetingOf } from '../../citizenGreeting.js';
import { accountFieldErrors, keyMessage } from '../accountMessages.js';
import { childKeyForm, emailForm, passwordForm, usernameForm } from './citizenForms.js';
import { citizenOf, communeOf, requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { ChildKeyPage } from './views/ChildKeyPage.js';
import { type IdentifiersForm, type IdentifiersNotice, IdentifiersPage } from './views/IdentifiersPage.js';
import { MyHomePage } from './views/MyHomePage.js';
import { NewsPage } from './views/NewsPage.js';

const query = queryOf;
// Each change checks the current password or sends mails: limited per address like the login.
const limited = { config: { rateLimit: perAddress(20, 15) } };

/** The pages behind the login: Mon accueil, the commune's messages, Mon espace's identifiers and Clé Enfance. */
export function mySpaceRoutes({
  identifiers,
  childKeys,
  familyFile,
  news,
  clock,
}: {
  identifiers: IdentifiersService;
  childKeys: ChildKeysService;
  familyFile: FamilyFileService;
  news: NewsService;
  clock: Clock;
}): FastifyPluginAsync {
  return async (app) => {
    app.addHook('preHandler', requireCitizen);

    app.get('/mon-accueil', async (request, reply) => {
      const commune = communeOf(request);
      const citizen = citizenOf(request);
      // The door read the account's family with the session: no second reading to know whether there is one.
      const [items, familyId] = await Promise.all([
        news.published(commune.id),
        request.citizenFamilyId !== undefined
          ? request.citizenFamilyId
          : familyFile.familyOfCitizen(commune.id, citizen.id),
      ]);
      return reply.page((context) =>
        MyHomePage({
          context,
          greeting: greetingOf(citizen),
          previousLoginAt: citizen.previousLoginAt,
          news: items,
          linkedToFamily: familyId !== null,
        }),
      );
    });

    app.get<{ Params: { id: string } }>('/actualites/:id', idParams('id'), async (request, reply) => {
      const item = await news.find(communeOf(request).id, request.params.id, clock.now());
      if (!item) return notFound(reply);
      return reply.page((context) => NewsPage({ context, item }));
    });

    // The timeout warning's button: loading the session already counted as activity.
    app.post('/prolonger-session', async (request, reply) => {
      // The script asks for nothing but a status; a plain form post (no JavaScript) goes back to a page.
      if (!request.headers.accept?.includes('text/html')) return reply.code(204).send();
      return reply.redirect(communePaths(communeOf(request)).myHome, 303);
    });

    const notices: Record<string, IdentifiersNotice> = {
      identifiant: 'username-changed',
      email: 'email-sent',
      'mot-de-passe': 'password-changed',
    };
    app.get('/mon-espace/identifiants', (request, reply) =>
      reply.page((context) =>
        IdentifiersPage({ context, citizen: citizenOf(request), notice: notices[query(request).fait ?? ''] ?? null }),
      ),
    );

    const refused =
      (request: FastifyRequest, form: IdentifiersForm, errors: Record<string, string>) =>
      (context: Parameters<typeof IdentifiersPage>[0]['context']) =>
        IdentifiersPage({
          context,
          citizen: citizenOf(request),
          notice: null,
          failed: { form, state: { values: withoutSecrets(formValues(request.body)), errors } },
        });
    const done = (request: FastifyRequest, what: string) =>
      `${communePaths(communeOf(request)).identifiers}?fait=${what}`;

    app.post('/mon-espace/identifiants/identifiant', limited, async (request, reply) => {
      const parsed = parseForm(usernameForm, request.body);
      if (!parsed.ok) return reply.page(refused(request, 'username', parsed.errors), 400);
      const outcome = await identifiers.changeUsername(
        communeOf(request),
        citizenOf(request),
        parsed.data.username,
        parsed.data.currentPasswordForUsername,
        request.ip,
      );
      if (!outcome.ok)
        return reply.page(
          refused(
            request,
            'username',
            accountFieldErrors(outcome, { currentPasswordField: 'currentPasswordForUsername', now: clock.now() }),
          ),
          400,
        );
      return reply.redirect(done(request, 'identifiant'), 303);
    });

    app.post('/mon-espace/identifiants/e-mail', limited, async (request, reply) => {
      const parsed = parseForm(emailForm, request.body);
      if (!parsed.ok) return reply.page(refused(request, 'email', parsed.errors), 400);
      const { email, currentPasswordForEmail } = parsed.data;
      const outcome = await identifiers.requestEmailChange(
        communeOf(request),
        citizenOf(request),
        email,
        currentPasswordForEmail,
        request.ip,
      );
      if (!outcome.ok)
        return reply.page(
          refused(
            request,
            'email',
            accountFieldErrors(outcome, { currentPasswordField: 'currentPasswordForEmail', now: clock.now() }),
          ),
          400,
        );
      return reply.redirect(done(request, 'email'), 303);
    });

    app.post('/mon-espace/identifiants/mot-de-passe', limited, async (request, reply) => {
      const parsed = parseForm(passwordForm, request.body);
      if (!parsed.ok) return reply.page(refused(request, 'password', parsed.errors), 400);
      const { currentPassword, password } = parsed.data;
      const outcome = await identifiers.changePassword(
        communeOf(request),
        citizenOf(request),
        request.session!,
        currentPassword,
        password,
        request.ip,
      );
      if (!outcome.ok)
        return reply.page(
          refused(
            request,
            'password',
            accountFieldErrors(outcome, { currentPasswordField: 'currentPassword', now: clock.now() }),
          ),
          400,
        );
      return reply.redirect(done(request, 'mot-de-passe'), 303);
    });

    app.get('/mon-espace/cle-enfance', async (request, reply) => {
      const adult = await familyFile.adultOfCitizen(communeOf(request).id, citizenOf(request).id);
      return reply.page((context) =>
        ChildKeyPage({ context, form: emptyForm, adult, justLinked: query(request).reliee === '1' }),
      );
    });

    // Wrong keys are limited per account (the service) and per address (here).
    app.post('/mon-espace/cle-enfance', { config: { rateLimit: perAddress(10, 60) } }, async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(childKeyForm, request.body);
      if (!parsed.ok)
        return reply.page((context) => ChildKeyPage({ context, form: parsed, adult: null, justLinked: false }), 400);
      const outcome = await childKeys.use(commune, citizenOf(request), parsed.data.childKey, request.ip);
      if (outcome.ok) return reply.redirect(`${communePaths(commune).childKey}?reliee=1`, 303);
      const form = { values: { childKey: parsed.data.childKey }, errors: { childKey: keyMessage(outcome.reason) } };
      return reply.page((context) => ChildKeyPage({ context, form, adult: null, justLinked: false }), 400);
    });
  };
}
