import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { z } from 'zod';
import { formValues, parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { emailField } from '../../../../platform/http/formFields.js';
import { perAddress } from '../../../../platform/http/rateLimit.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { isUuid } from '../../../../shared/ids.js';
import { type CoRepresentativeInvitations, invitableAdults } from '../../coRepresentativeInvitation.js';
import type { FamilyFile, FamilyFileService } from '../../familyFileService.js';
import { citizenOf, communeOf, familyIdOf } from './familyRequest.js';
import { EntouragePage } from './views/EntouragePage.js';

const invitationForm = z.object({ email: emailField('Indiquez l’adresse e-mail à laquelle envoyer l’invitation.') });

/** « Entourage » of Mon espace, and the invitation of the co-représentant to their own account. */
export function entourageRoutes({
  familyFile,
  invitations,
}: {
  familyFile: FamilyFileService;
  invitations: CoRepresentativeInvitations;
}): FastifyPluginAsync {
  const show = (
    request: FastifyRequest,
    reply: FastifyReply,
    file: FamilyFile,
    options: { form?: FormState; sent?: boolean; tooMany?: boolean; status?: number } = {},
  ) => {
    const citizen = citizenOf(request);
    const others = file.adults.filter((adult) => adult.citizenId !== citizen.id);
    // One form on the page: a file has one other responsible adult; a rare third waits for the next invitation.
    const invitee = invitableAdults(others)[0] ?? null;
    const form = options.form ?? emptyForm;
    return reply.page(
      (context) =>
        EntouragePage({
          context,
          others,
          invitee,
          members: file.members,
          form,
          sent: options.sent ?? false,
          tooMany: options.tooMany ?? false,
        }),
      options.status ?? 200,
    );
  };

  return async (app) => {
    app.get('/mon-espace/entourage', async (request, reply) => {
      const file = await familyFile.household(communeOf(request).id, familyIdOf(request));
      if (!file) return notFound(reply);
      return show(request, reply, file, { sent: queryOf(request).invitation === 'envoyee' });
    });

    // Each invitation mails a key: limited per address here, per family in the service.
    app.post(
      '/mon-espace/entourage/invitation',
      { config: { rateLimit: perAddress(10, 60) } },
      async (request, reply) => {
        const commune = communeOf(request);
        const familyId = familyIdOf(request);
        const file = await familyFile.household(commune.id, familyId);
        const adultId = formValues(request.body).adultId ?? '';
        const invitee =
          file && isUuid(adultId) ? invitableAdults(file.adults).find((adult) => adult.id === adultId) : undefined;
        if (!file || !invitee) return notFound(reply);
        // With an address in the file, nothing typed is read: the invitation goes there.
        const parsed = invitee.email
          ? ({ ok: true, data: { email: null } } as const)
          : parseForm(invitationForm, request.body);
        if (!parsed.ok) return show(request, reply, file, { form: parsed, status: 400 });
        const outcome = await invitations.invite(
          commune,
          familyId,
          citizenOf(request),
          invitee.id,
          parsed.data.email,
          request.ip,
        );
        if (outcome.ok) return reply.redirect(`${communePaths(commune).entourage}?invitation=envoyee`, 303);
        if (outcome.reason === 'too-many')
          return show(request, reply, file, {
            form: { values: formValues(request.body), errors: {} },
            tooMany: true,
            status: 429,
          });
        return notFound(reply);
      },
    );
  };
}
