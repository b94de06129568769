import { accountFieldErrors } from '../accountMessages.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AgentsService } from '../../agentsService.js';
import type { Clock } from '../../../../platform/clock.js';
import { linkToken, parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { perAddress } from '../../../../platform/http/rateLimit.js';
import { emptyForm } from '../../../../platform/views/components/forms.js';
import { formatUntil } from '../../../../shared/dates.js';
import type { SecondFactorOutcome } from '../../agentsService.js';
import { codeForm, invitationForm, loginForm, recoveryCodeForm } from './agentForms.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import {
  type AgentAccess,
  PASSWORD_ONLY,
  agentOf,
  communeOf,
  completeLogin,
} from '../../../../doors/agent/agentRequest.js';
import { EnrolmentPage } from './views/EnrolmentPage.js';
import { InvitationPage } from './views/InvitationPage.js';
import { type DeskLoginNotice, DeskLoginPage } from './views/DeskLoginPage.js';
import { DeskMessagePage } from './views/DeskMessagePage.js';
import { RecoveryCodesPage } from './views/RecoveryCodesPage.js';
import { SecondFactorPage } from './views/SecondFactorPage.js';

const access = (agentAccess: AgentAccess, limit?: ReturnType<typeof perAddress>) => ({
  config: { agentAccess, ...(limit ? { rateLimit: limit } : {}) },
});
// SECURITY.md: a per-address limit on the forms an attacker would hammer, on top of the per-account counters.
const loginLimit = perAddress(30, 15);

const query = queryOf;
const tokenOf = linkToken;

const lockedMessage = (until: Date, now: Date) =>
  `Trop de tentatives. Par sécurité, ce compte est bloqué jusqu'à ${formatUntil(until, now)}. Réessayez ensuite, ou contactez un administrateur.`;

/** The way in: login, the second factor (enrolment at the first login), the invitation, the logout. */
export function agentEntryRoutes({ agents, clock }: { agents: AgentsService; clock: Clock }): FastifyPluginAsync {
  return async (app) => {
    app.get('/connexion', access('open'), (request, reply) => {
      const paths = agentPaths(communeOf(request));
      if (request.viewer) return reply.redirect(paths.home, 303);
      const q = query(request);
      const notice: DeskLoginNotice = q.deconnecte
        ? 'logged-out'
        : q.expiree
          ? 'expired'
          : q.active
            ? 'password-set'
            : null;
      return reply.page((context) => DeskLoginPage({ context, form: emptyForm, notice }));
    });

    app.post('/connexion', access('open', loginLimit), async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(loginForm, request.body);
      if (!parsed.ok) return reply.page((context) => DeskLoginPage({ context, form: parsed, notice: null }), 400);
      const outcome = await agents.login(commune, parsed.data.email, parsed.data.password, request.ip);
      if (outcome.ok) {
        // A new session id already at this step, and a stage that opens nothing but the second factor.
        await reply.startSession({ subjectId: outcome.agent.id, stage: PASSWORD_ONLY });
        const paths = agentPaths(commune);
        if (outcome.agent.totpSecret) return reply.redirect(paths.secondFactor, 303);
        // The secret to enrol is made here, by a POST: showing the QR code changes nothing, so a
        // reload keeps the code already scanned.
        await agents.startEnrolment(commune, outcome.agent.id);
        return reply.redirect(paths.enrolment, 303);
      }
      const message =
        outcome.reason === 'locked'
          ? lockedMessage(outcome.until, clock.now())
          : "L'adresse e-mail ou le mot de passe est incorrect. Vérifiez votre saisie ; en cas d'oubli, demandez une nouvelle invitation à un administrateur.";
      const form = { values: { email: parsed.data.email }, errors: { email: message } };
      return reply.page((context) => DeskLoginPage({ context, form, notice: null }), 401);
    });

    app.get('/double-authentification', access('second-factor'), (request, reply) => {
      if (!agentOf(request).totpSecret) return reply.redirect(agentPaths(communeOf(request)).enrolment, 303);
      return reply.page((context) => SecondFactorPage({ context, form: emptyForm, method: 'totp' }));
    });

    app.post('/double-authentification', access('second-factor', loginLimit), async (request, reply) => {
      const parsed = parseForm(codeForm, request.body);
      if (!parsed.ok) return reply.page((context) => SecondFactorPage({ context, form: parsed, method: 'totp' }), 400);
      const outcome = await agents.verifySecondFactor(
        communeOf(request),
        agentOf(request).id,
        { totp: parsed.data.code },
        request.ip,
      );
      return afterSecondFactor(request, reply, outcome, 'totp', clock.now());
    });

    app.get('/double-authentification/secours', access('second-factor'), (_request, reply) =>
      reply.page((context) => SecondFactorPage({ context, form: emptyForm, method: 'recovery' })),
    );

    app.post('/double-authentification/secours', access('second-factor', loginLimit), async (request, reply) => {
      const parsed = parseForm(recoveryCodeForm, request.body);
      if (!parsed.ok)
        return reply.page((context) => SecondFactorPage({ context, form: parsed, method: 'recovery' }), 400);
      const outcome = await agents.verifySecondFactor(
        communeOf(request),
        agentOf(request).id,
        { recoveryCode: parsed.data.recoveryCode },
        request.ip,
      );
      return afterSecondFactor(request, reply, outcome, 'recovery', clock.now());
    });

    app.get('/double-authentification/activer', access('second-factor'), async (request, reply) => {
      const commune = communeOf(request);
      const enrolment = await agents.pendingEnrolment(commune, agentOf(request).id);
      if (!enrolment)
        return reply.redirect(
          agentOf(request).totpSecret ? agentPaths(commune).secondFactor : agentPaths(commune).login,
          303,
        );
      const qr = await qrSvg(enrolment.uri);
      return reply.page((context) => EnrolmentPage({ context, form: emptyForm, secret: enrolment.secret, qrSvg: qr }));
    });

    app.post('/double-authentification/activer', access('second-factor', loginLimit), async (request, reply) => {
      const commune = communeOf(request);
      const agent = agentOf(request);
      const parsed = parseForm(codeForm, request.body);
      const outcome = parsed.ok ? await agents.confirmEnrolment(commune, agent.id, parsed.data.code, request.ip) : null;
      if (outcome?.ok) {
        await completeLogin(request, reply, outcome.agent);
        return reply.page((context) => RecoveryCodesPage({ context, codes: outcome.recoveryCodes ?? [] }));
      }
      // The same secret again, so that the code of the app already set up still works.
      const enrolment = await agents.pendingEnrolment(commune, agent.id);
      if (!enrolment) return reply.redirect(agentPaths(commune).enrolment, 303);
      const form = !parsed.ok ? parsed : { values: {}, errors: { code: secondFactorMessage(outcome!, clock.now()) } };
      const qr = await qrSvg(enrolment.uri);
      return reply.page(
        (context) => EnrolmentPage({ context, form, secret: enrolment.secret, qrSvg: qr }),
        parsed.ok ? 401 : 400,
      );
    });

    app.get('/invitation', access('open'), async (request, reply) => {
      const token = tokenOf(request);
      const agent = await agents.invitation(communeOf(request), token);
      if (!agent) return deadInvitation(reply);
      return reply.page((context) => InvitationPage({ context, form: emptyForm, token, agent }));
    });

    app.post('/invitation', access('open', perAddress(10, 15)), async (request, reply) => {
      const commune = communeOf(request);
      const token = tokenOf(request);
      const agent = await agents.invitation(commune, token);
      if (!agent) return deadInvitation(reply);
      const parsed = parseForm(invitationForm, request.body);
      if (!parsed.ok) return reply.page((context) => InvitationPage({ context, form: parsed, token, agent }), 400);
      const outcome = await agents.acceptInvitation(commune, token, parsed.data.password, request.ip);
      if (outcome.ok) {
        await reply.endSession();
        return reply.redirect(`${agentPaths(commune).login}?active=1`, 303);
      }
      if (outcome.reason === 'expired') return deadInvitation(reply);
      return reply.page(
        (context) =>
          InvitationPage({
            context,
            form: { values: {}, errors: accountFieldErrors(outcome, { now: clock.now() }) },
            token,
            agent,
          }),
        400,
      );
    });

    // The timeout warning's « Rester connecté »: loading the session already counted as activity.
    app.post('/prolonger-session', access('open'), async (request, reply) => {
      const wantsPage = request.headers.accept?.includes('text/html');
      if (request.viewer)
        return wantsPage ? reply.redirect(agentPaths(communeOf(request)).home, 303) : reply.code(204).send();
      // The script must learn that the session is over, rather than follow a redirect to a page that answers 200.
      return wantsPage
        ? reply.redirect(`${agentPaths(communeOf(request)).login}?expiree=1`, 303)
        : reply.code(401).send();
    });

    app.post('/deconnexion', access('open'), async (request, reply) => {
      await reply.endSession();
      return reply.redirect(`${agentPaths(communeOf(request)).login}?deconnecte=1`, 303);
    });
  };
}

async function afterSecondFactor(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: SecondFactorOutcome,
  method: 'totp' | 'recovery',
  now: Date,
) {
  if (outcome.ok) {
    await completeLogin(request, reply, outcome.agent);
    return reply.redirect(agentPaths(communeOf(request)).home, 303);
  }
  const field = method === 'totp' ? 'code' : 'recoveryCode';
  return reply.page(
    (context) =>
      SecondFactorPage({
        context,
        form: { values: {}, errors: { [field]: secondFactorMessage(outcome, now, method) } },
        method,
      }),
    401,
  );
}

function secondFactorMessage(
  outcome: Exclude<SecondFactorOutcome, { ok: true }>,
  now: Date,
  method: 'totp' | 'recovery' = 'totp',
): string {
  if (outcome.reason === 'locked') return lockedMessage(outcome.until, now);
  return method === 'totp'
    ? "Ce code n'est pas valable : il a peut-être déjà servi ou expiré. Attendez le code suivant de l'application, puis saisissez-le."
    : "Ce code de secours n'est pas valable, ou il a déjà servi. Chaque code de secours ne fonctionne qu'une fois.";
}

/** The QR code as SVG markup made by the library from the otpauth address: no user text in it. */
async function qrSvg(uri: string): Promise<string> {
  // Loaded at the first enrolment, not at each start (ADR 0038).
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

function deadInvitation(reply: FastifyReply) {
  return reply.page(
    (context) =>
      DeskMessagePage({
        context,
        title: "Ce lien d'invitation ne fonctionne plus",
        children: (
          <p>
            Ce lien a déjà servi, ou il a expiré : une invitation est valable 72 heures et ne sert qu'une fois. Demandez
            une nouvelle invitation à un administrateur de l'espace citoyens de la commune.
          </p>
        ),
      }),
    410,
  );
}
