import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { z } from 'zod';
import type { AbsencesService } from '../../absencesService.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { formValues, withoutSecrets } from '../../../../platform/http/forms.js';
import { dropUnreadFiles, fieldsBeforeFiles, receivedFiles } from '../../../../platform/http/multipartForm.js';
import type { DocumentsService } from '../../../documents/documentsService.js';
import { MAX_FILES } from '../../../documents/domain/uploadRules.js';
import { uploadRefusalText } from '../../../documents/http/uploadMessages.js';
import { MEDICAL_CERTIFICATE } from '../../domain/absenceRules.js';
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
import type { AbsenceInput, AbsenceSubject } from '../../absencesService.js';
import { type AbsenceNotice, type CertificateOffer, NewAbsencePage, serviceField } from './views/NewAbsencePage.js';
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
  documents,
}: {
  absences: AbsencesService;
  familyFile: FamilyFileService;
  documents: DocumentsService;
}): FastifyPluginAsync {
  /** The child's medical certificate in the vault: none when the commune has no such type. */
  const certificateOf = async (request: FastifyRequest, memberId: string): Promise<CertificateOffer | null> => {
    const found = await documents.stateOf(communeOf(request), familyIdOf(request), MEDICAL_CERTIFICATE, memberId);
    if (!found) return null;
    const { state, documentId } = found;
    return {
      validated: state.state === 'validated' && documentId ? { id: documentId, validUntil: state.validUntil } : null,
    };
  };

  /**
   * The certificate an illness's report carries, by the family's choice: its files checked by the
   * vault (nothing stored yet: the report stores them with the absence), or the validated one.
   */
  const certificateChoice = async (
    request: FastifyRequest,
    memberId: string,
    choice: string | undefined,
  ): Promise<{ ok: true; certificate: AbsenceInput['certificate'] } | { ok: false; error: string; status: number }> => {
    if (choice === 'valide') {
      const offer = await certificateOf(request, memberId);
      if (!offer?.validated)
        return {
          ok: false,
          status: 400,
          error: 'Aucun certificat médical validé : joignez-le ou envoyez-le plus tard.',
        };
      return { ok: true, certificate: { kind: 'validated', documentId: offer.validated.id } };
    }
    if (choice !== 'joindre' || !(await certificateOf(request, memberId))) return { ok: true, certificate: null };
    const received = await receivedFiles(request, MAX_FILES);
    if (!received.ok)
      return {
        ok: false,
        status: 400,
        error: uploadRefusalText(received.reason === 'too-many-files' ? 'too-many-files' : 'no-file', ''),
      };
    if (received.files.length === 0)
      return { ok: false, status: 400, error: 'Choisissez le ou les fichiers du certificat médical.' };
    const checked = await documents.checkFiles(received.files);
    if (!checked.ok)
      return {
        ok: false,
        status: checked.reason === 'scan-unavailable' ? 503 : 400,
        error: uploadRefusalText(checked.reason, checked.fileName),
      };
    return { ok: true, certificate: { kind: 'new', checked } };
  };

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
    const certificate = shown ? await certificateOf(request, shown.member.id) : null;
    return reply.page(
      (context) =>
        NewAbsencePage({
          certificate,
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
      const fait =
        (['maladie', 'certificat', 'justifiee', 'autre'] as const).find((notice) => notice === query.fait) ?? null;
      if (!query.membre) return show(request, reply, null, emptyForm, 200, fait);
      const subject = await subjectOf(request, query.membre);
      if (!subject) return notFound(reply);
      return show(request, reply, subject, emptyForm, 200, fait);
    });

    // The certificate's files come last: the fields first (the door's CSRF check reads `_csrf` before any file), files dropped if unread.
    const withFiles = { ...familyWriteLimit, preValidation: fieldsBeforeFiles, onResponse: dropUnreadFiles };

    app.post('/ma-famille/absences/nouvelle', withFiles, async (request, reply) => {
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
      const illness = parsed.data.reason === 'maladie';
      const chosen = illness
        ? await certificateChoice(request, subject.member.id, values.certificat)
        : { ok: true as const, certificate: null };
      if (!chosen.ok) {
        const field = values.certificat === 'valide' ? 'certificat' : 'certificatFichiers';
        return show(
          request,
          reply,
          subject,
          { values: withoutSecrets(values), errors: { [field]: chosen.error } },
          chosen.status,
        );
      }
      const outcome = await absences.report(
        commune,
        familyIdOf(request),
        { ...parsed.data, memberId: subject.member.id, serviceIds, certificate: chosen.certificate },
        citizenAuthor(citizenOf(request)),
      );
      if (outcome.ok) {
        const notice: AbsenceNotice = !illness
          ? 'autre'
          : outcome.justified
            ? 'justifiee'
            : chosen.certificate?.kind === 'new'
              ? 'certificat'
              : 'maladie';
        return reply.redirect(`${communePaths(commune).newAbsence}?fait=${notice}`, 303);
      }
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
