import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { accountFieldErrors } from '../accountMessages.js';
import type { Commune } from '../../../communes/domain/commune.js';
import type { CitizensService } from '../../citizensService.js';
import type { IdentifiersService } from '../../identifiersService.js';
import type { Clock } from '../../../../platform/clock.js';
import { formValues, linkToken, parseForm, withoutSecrets } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { perAddress } from '../../../../platform/http/rateLimit.js';
import { emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { formatUntil } from '../../../../shared/dates.js';
import { communeOf } from '../../../../doors/citizen/citizenRequest.js';
import { normalizeChildKey } from '../../domain/childKey.js';
import { identifierForm, loginForm, resetForm, signUpForm } from './citizenForms.js';
import { ConfirmLinkPage } from './views/ConfirmLinkPage.js';
import { IdentifierFormPage } from './views/IdentifierFormPage.js';
import { type LoginNotice, LoginPage } from './views/LoginPage.js';
import { MessagePage } from './views/MessagePage.js';
import { NewPasswordPage } from './views/NewPasswordPage.js';
import { SignUpPage } from './views/SignUpPage.js';

// SECURITY.md: a per-address limit on the forms an attacker would hammer, on top of the per-account counters.
const limits = {
  login: { config: { rateLimit: perAddress(30, 15) } },
  signUp: { config: { rateLimit: perAddress(10, 60) } },
  mailed: { config: { rateLimit: perAddress(10, 15) } },
};

const query = queryOf;
const tokenOf = linkToken;

/** Only a path of this commune's portal is a place to go back to after login: never another site. */
function safeReturn(request: FastifyRequest, value: string | undefined): string | undefined {
  const home = communePaths(communeOf(request)).home;
  // Printable ASCII only: anything else cannot stand in a Location header (and a page path never needs it).
  return value && value.startsWith(`${home}/`) && /^[\x21-\x7e]+$/.test(value) && !value.includes('\\')
    ? value
    : undefined;
}

/** The way into an account: sign-up, activation, login, logout, forgotten password, e-mail confirmation. */
export function accountEntryRoutes({
  citizens,
  identifiers,
  clock,
  demoMail,
}: {
  citizens: CitizensService;
  identifiers: IdentifiersService;
  clock: Clock;
  /**
   * In demo mode, where the mails go: kept in the demo mail box only, or sent by SMTP (`SMTP_URL`)
   * with a copy in the mail box. Null outside the demo.
   */
  demoMail: 'mailbox' | 'smtp' | null;
}): FastifyPluginAsync {
  return async (app) => {
    app.get('/creer-mon-espace', (request, reply) => {
      if (request.citizen) return reply.redirect(communePaths(communeOf(request)).myHome, 303);
      // An invitation's link carries the key (`?cle=`): the field is filled, nothing is checked before the form is sent.
      const typed = query(request).cle;
      const key = typeof typed === 'string' ? normalizeChildKey(typed.slice(0, 40)) : null;
      return reply.page((context) =>
        SignUpPage({ context, form: key ? { values: { childKey: key }, errors: {} } : emptyForm }),
      );
    });

    app.post('/creer-mon-espace', limits.signUp, async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(signUpForm, request.body);
      if (!parsed.ok) return reply.page((context) => SignUpPage({ context, form: parsed }), 400);
      const outcome = await citizens.signUp(commune, parsed.data, request.ip);
      if (!outcome.ok) {
        const form = {
          values: withoutSecrets(formValues(request.body)),
          errors: accountFieldErrors(outcome, { now: clock.now() }),
        };
        return reply.page((context) => SignUpPage({ context, form }), 400);
      }
      return reply.redirect(communePaths(commune).signUpSent, 303);
    });

    app.get('/creer-mon-espace/envoye', (request, reply) => {
      const paths = communePaths(communeOf(request));
      return reply.page((context) =>
        MessagePage({
          context,
          title: 'Vérifiez votre messagerie',
          children: (
            <>
              <p>
                Un e-mail vient de vous être envoyé. Suivez le lien qu'il contient dans les 48 heures pour activer votre
                espace ; vous pourrez ensuite vous connecter.
              </p>
              <p>
                Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou{' '}
                <a href={paths.resendActivation}>demandez un nouveau lien</a>.
              </p>
              {demoMail === 'mailbox' ? (
                <p>
                  Démonstration : aucun e-mail ne part vraiment, il arrive dans la{' '}
                  <a href={paths.demoMailbox}>boîte mail de démonstration</a>.
                </p>
              ) : demoMail === 'smtp' ? (
                <p>
                  Démonstration : l’e-mail est parti vers votre adresse par le serveur de messagerie de la démonstration
                  ; une copie est aussi lisible dans la <a href={paths.demoMailbox}>boîte mail de démonstration</a>.
                </p>
              ) : null}
            </>
          ),
        }),
      );
    });

    app.get('/activation', async (request, reply) => {
      const commune = communeOf(request);
      const token = tokenOf(request);
      if (!(await citizens.activationIsLive(commune, token))) return deadLink(reply, commune);
      return reply.page((context) =>
        ConfirmLinkPage({
          context,
          title: 'Activer mon espace',
          text: 'Dernière étape : activez votre espace pour pouvoir vous connecter.',
          action: communePaths(commune).activation,
          token,
          submit: 'Activer mon espace',
        }),
      );
    });

    app.post('/activation', limits.mailed, async (request, reply) => {
      const commune = communeOf(request);
      if (!(await citizens.activate(commune, tokenOf(request), request.ip))) return deadLink(reply, commune);
      return reply.redirect(`${communePaths(commune).login}?active=1`, 303);
    });

    const resendPage =
      (sent: boolean, form = emptyForm) =>
      (context: Parameters<typeof IdentifierFormPage>[0]['context']) =>
        IdentifierFormPage({
          context,
          title: "Recevoir un nouveau lien d'activation",
          intro: "Indiquez l'identifiant ou l'adresse e-mail choisis à la création de votre espace.",
          action: communePaths(context.commune!).resendActivation,
          submit: 'Envoyer un nouveau lien',
          form,
          sentNotice: sent
            ? "Si un espace en attente d'activation correspond, un nouveau lien vient d'être envoyé à son adresse e-mail. Il est valable 48 heures."
            : undefined,
        });
    app.get('/activation/renvoyer', (request, reply) => reply.page(resendPage(query(request).envoye === '1')));
    app.post('/activation/renvoyer', limits.mailed, async (request, reply) => {
      const parsed = parseForm(identifierForm, request.body);
      if (!parsed.ok) return reply.page(resendPage(false, parsed), 400);
      await citizens.resendActivation(communeOf(request), parsed.data.identifier, request.ip);
      return reply.redirect(`${communePaths(communeOf(request)).resendActivation}?envoye=1`, 303);
    });

    app.get('/connexion', (request, reply) => {
      const paths = communePaths(communeOf(request));
      if (request.citizen) return reply.redirect(paths.myHome, 303);
      const q = query(request);
      const notice: LoginNotice = q.deconnecte
        ? 'logged-out'
        : q.expiree
          ? 'expired'
          : q.active
            ? 'activated'
            : q.nouveau
              ? 'password-changed'
              : q.email
                ? 'email-changed'
                : null;
      return reply.page((context) =>
        LoginPage({ context, form: emptyForm, notice, returnTo: safeReturn(request, q.retour) }),
      );
    });

    app.post('/connexion', limits.login, async (request, reply) => {
      const commune = communeOf(request);
      const returnTo = safeReturn(request, formValues(request.body).retour);
      const parsed = parseForm(loginForm, request.body);
      if (!parsed.ok) return reply.page((context) => LoginPage({ context, form: parsed, notice: null, returnTo }), 400);
      const outcome = await citizens.login(commune, parsed.data.identifier, parsed.data.password, request.ip);
      if (outcome.ok) {
        await reply.adoptSession(outcome.session);
        return reply.redirect(returnTo ?? communePaths(commune).myHome, 303);
      }
      const message =
        outcome.reason === 'locked'
          ? `Trop de tentatives de connexion pour cet identifiant. Par sécurité, réessayez après ${formatUntil(outcome.until, clock.now())}, ou choisissez un nouveau mot de passe avec « J'ai oublié mon mot de passe ».`
          : outcome.reason === 'not-activated'
            ? "Votre espace n'est pas encore activé : suivez le lien reçu par e-mail, ou demandez un nouveau lien d'activation."
            : "L'identifiant ou le mot de passe est incorrect. Vérifiez votre saisie, ou utilisez « J'ai oublié mon mot de passe ».";
      const form = { values: { identifier: parsed.data.identifier }, errors: { identifier: message } };
      return reply.page((context) => LoginPage({ context, form, notice: null, returnTo }), 401);
    });

    app.post('/deconnexion', async (request, reply) => {
      await reply.endSession();
      return reply.redirect(`${communePaths(communeOf(request)).login}?deconnecte=1`, 303);
    });

    const forgotPage =
      (sent: boolean, form = emptyForm) =>
      (context: Parameters<typeof IdentifierFormPage>[0]['context']) =>
        IdentifierFormPage({
          context,
          title: "J'ai oublié mon mot de passe",
          intro:
            'Indiquez votre identifiant ou votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
          action: communePaths(context.commune!).forgottenPassword,
          submit: 'Recevoir un lien',
          form,
          sentNotice: sent
            ? "Si un espace correspond, un e-mail vient d'être envoyé à son adresse. Le lien qu'il contient fonctionne une fois, pendant une heure."
            : undefined,
        });
    app.get('/mot-de-passe-oublie', (request, reply) => reply.page(forgotPage(query(request).envoye === '1')));
    app.post('/mot-de-passe-oublie', limits.mailed, async (request, reply) => {
      const parsed = parseForm(identifierForm, request.body);
      if (!parsed.ok) return reply.page(forgotPage(false, parsed), 400);
      await citizens.forgotPassword(communeOf(request), parsed.data.identifier, request.ip);
      return reply.redirect(`${communePaths(communeOf(request)).forgottenPassword}?envoye=1`, 303);
    });

    app.get('/mot-de-passe-oublie/nouveau', async (request, reply) => {
      const commune = communeOf(request);
      const token = tokenOf(request);
      if (!(await citizens.resetIsLive(commune, token))) return deadLink(reply, commune);
      return reply.page((context) => NewPasswordPage({ context, form: emptyForm, token }));
    });

    app.post('/mot-de-passe-oublie/nouveau', limits.mailed, async (request, reply) => {
      const commune = communeOf(request);
      const token = tokenOf(request);
      const parsed = parseForm(resetForm, request.body);
      if (!parsed.ok) return reply.page((context) => NewPasswordPage({ context, form: parsed, token }), 400);
      const outcome = await citizens.resetPassword(commune, token, parsed.data.password, request.ip);
      if (outcome.ok) {
        await reply.endSession();
        return reply.redirect(`${communePaths(commune).login}?nouveau=1`, 303);
      }
      if (outcome.reason === 'expired') return deadLink(reply, commune);
      return reply.page(
        (context) =>
          NewPasswordPage({
            context,
            form: { values: {}, errors: accountFieldErrors(outcome, { now: clock.now() }) },
            token,
          }),
        400,
      );
    });

    app.get('/confirmer-e-mail', async (request, reply) => {
      const commune = communeOf(request);
      const token = tokenOf(request);
      const newEmail = await identifiers.emailChangeIsLive(commune, token);
      if (!newEmail) return deadLink(reply, commune);
      return reply.page((context) =>
        ConfirmLinkPage({
          context,
          title: 'Confirmer ma nouvelle adresse e-mail',
          text: `La nouvelle adresse ${newEmail} remplacera l'ancienne pour votre espace et vos messages.`,
          action: communePaths(commune).confirmEmail,
          token,
          submit: 'Confirmer cette adresse',
        }),
      );
    });

    app.post('/confirmer-e-mail', limits.mailed, async (request, reply) => {
      const commune = communeOf(request);
      const outcome = await identifiers.confirmEmailChange(commune, tokenOf(request), request.ip);
      if (outcome === 'expired') return deadLink(reply, commune);
      if (outcome === 'taken') {
        return reply.page(
          (context) =>
            MessagePage({
              context,
              title: 'Adresse déjà utilisée',
              children: <p>Cette adresse e-mail est déjà celle d'un autre espace. Votre adresse n'a pas changé.</p>,
            }),
          409,
        );
      }
      return reply.redirect(
        request.citizen ? `${communePaths(commune).identifiers}` : `${communePaths(commune).login}?email=1`,
        303,
      );
    });
  };
}

/** An expired, used or unknown link: the same page, whichever it is, with the ways to get a new one. */
function deadLink(reply: FastifyReply, commune: Commune) {
  const paths = communePaths(commune);
  return reply.page(
    (context) =>
      MessagePage({
        context,
        title: 'Ce lien ne fonctionne plus',
        children: (
          <>
            <p>
              Ce lien a déjà servi, ou il a expiré. Pour votre sécurité, chaque lien envoyé par e-mail ne fonctionne
              qu'une fois, pendant une durée limitée.
            </p>
            <ul>
              <li>
                <a href={paths.resendActivation}>Recevoir un nouveau lien d'activation</a>
              </li>
              <li>
                <a href={paths.forgottenPassword}>Recevoir un nouveau lien pour choisir un mot de passe</a>
              </li>
              <li>
                <a href={paths.login}>Me connecter</a>
              </li>
            </ul>
          </>
        ),
      }),
    410,
  );
}
