import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { z } from 'zod';
import type { AbsencesService } from '../../absencesService.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { formValues, withoutSecrets } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { isUuid } from '../../../../shared/ids.js';
import { isLocalDay } from '../../../../shared/localDays.js';
import { typedDayText } from '../../../../shared/typedDay.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import {
  citizenAuthor,
  citizenOf,
  communeOf,
  familyIdOf,
  requireFamily,
} from '../../../families/http/citizen/familyRequest.js';
import { parseMultiline } from '../../../requests/http/requestForms.js';
import type { AbsenceSubject } from '../../absencesService.js';
import { type AbsenceNotice, NewAbsencePage, serviceField } from './views/NewAbsencePage.js';
import { absenceFieldErrors } from './absenceMessages.js';
import { familyWriteLimit } from './familyWriteLimit.js';

const NOTE_MAX = 1000;
// The note may span lines; any other control character (a NUL PostgreSQL refuses) is refused.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A day typed JJ/MM/AAAA (or sent AAAA-MM-JJ by a date picker), as AAAA-MM-JJ; only a day that exists. */
const dayField = (missing: string, wrong: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? typedDayText(value) : value),
    z
      .string({ error: missing })
      .min(1, missing)
      .refine((value) => isLocalDay(value), wrong),
  );

const absenceForm = z.object({
  firstDay: dayField(
    'Indiquez le premier jour de l’absence.',
    'Indiquez le premier jour au format JJ/MM/AAAA, par exemple 17/11/2026.',
  ),
  lastDay: dayField(
    'Indiquez le dernier jour de l’absence (le même jour pour une seule journée).',
    'Indiquez le dernier jour au format JJ/MM/AAAA, par exemple 17/11/2026.',
  ),
  reason: z.enum(['maladie', 'autre'], { error: 'Choisissez le motif : maladie ou autre motif.' }),
  note: z
    .string()
    .optional()
    .default('')
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(NOTE_MAX, `La note ne peut pas dépasser ${NOTE_MAX} caractères : raccourcissez-la.`)
        .refine(
          (value) => !INVISIBLE.test(value),
          'La note contient un caractère invisible : retapez-la sans la coller.',
        ),
    ),
});

/** The services ticked: one checkbox per service, named after it. */
function tickedServices(body: unknown): string[] {
  const prefix = serviceField('');
  const ids = Object.entries(formValues(body))
    .filter(([name, value]) => name.startsWith(prefix) && value === 'oui')
    .map(([name]) => name.slice(prefix.length));
  return [...new Set(ids)];
}

/** « Signaler une absence »: the absence and its « absence » request, in one transaction. */
export function absenceRoutes({
  absences,
  familyFile,
}: {
  absences: AbsencesService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    subject: AbsenceSubject | null,
    form: FormState,
    status = 200,
    notice: AbsenceNotice = null,
  ) => {
    const overview = await absences.overview(communeOf(request), familyIdOf(request));
    if (!overview) return notFound(reply);
    // A single child needs no choosing.
    const shown =
      subject ??
      (overview.children.length === 1
        ? await absences.subject(communeOf(request), familyIdOf(request), overview.children[0]!.id)
        : null);
    return reply.page(
      (context) =>
        NewAbsencePage({
          context,
          notice,
          children: overview.children,
          subject: shown,
          form,
          absences: overview.absences,
          serviceNames: overview.serviceNames,
        }),
      status,
    );
  };

  /** The child named by the address or the form: the family's own, or nothing (answered 404). */
  const subjectOf = (request: FastifyRequest, memberId: string) =>
    isUuid(memberId) ? absences.subject(communeOf(request), familyIdOf(request), memberId) : Promise.resolve(null);

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get('/ma-famille/absences/nouvelle', async (request, reply) => {
      const query = queryOf(request);
      const fait = query.fait === 'maladie' || query.fait === 'autre' ? query.fait : null;
      if (!query.membre) return show(request, reply, null, emptyForm, 200, fait);
      const subject = await subjectOf(request, query.membre);
      if (!subject) return notFound(reply);
      return show(request, reply, subject, emptyForm, 200, fait);
    });

    app.post('/ma-famille/absences/nouvelle', familyWriteLimit, async (request, reply) => {
      const commune = communeOf(request);
      const values = formValues(request.body);
      const subject = await subjectOf(request, values.memberId ?? '');
      if (!subject) return notFound(reply);
      const parsed = parseMultiline(absenceForm, request.body);
      const serviceIds = tickedServices(request.body);
      if (!parsed.ok) {
        // Every mistake at once: the boxes are not in the schema, so their error joins its own.
        const errors =
          serviceIds.length === 0
            ? { ...parsed.errors, services: 'Cochez au moins un service concerné par l’absence.' }
            : parsed.errors;
        return show(request, reply, subject, { values: parsed.values, errors }, 400);
      }
      const outcome = await absences.report(
        commune,
        familyIdOf(request),
        { ...parsed.data, memberId: subject.member.id, serviceIds },
        citizenAuthor(citizenOf(request)),
      );
      if (outcome.ok) return reply.redirect(`${communePaths(commune).newAbsence}?fait=${parsed.data.reason}`, 303);
      return answerRefusal(reply, outcome, (refusal) =>
        show(
          request,
          reply,
          subject,
          { values: withoutSecrets(values), errors: absenceFieldErrors(refusal, commune) },
          400,
        ),
      );
    });
  };
}
