import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { formValues, textErrors } from '../../../../platform/http/forms.js';
import { dropUnreadFiles, fieldsBeforeFiles, receivedFiles } from '../../../../platform/http/multipartForm.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { type IdParams, idParams } from '../../../../platform/http/routeParams.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import type { Demarche } from '../../demarchesRepository.js';
import type { DemarchesService } from '../../demarchesService.js';
import { answerName, documentChildName, multilineAnswers } from '../../domain/answers.js';
import { MAX_FILES } from '../../../documents/domain/uploadRules.js';
import type { IntakeProblem } from '../../../documents/documentIntake.js';
import { uploadRefusalText } from '../../../documents/http/uploadMessages.js';
import { citizenAuthor, citizenOf, communeOf, familyIdOf } from '../../../families/http/citizen/familyRequest.js';
import { DemarcheFormPage } from './views/DemarcheFormPage.js';
import { MyDemarchesPage } from './views/MyDemarchesPage.js';

type DemarcheParams = { Params: IdParams<'demarcheId'> };

/**
 * « Ma famille → Autres démarches »: the commune's published démarches, and each one's form. A sent
 * form is a « demarche » request and the family lands on its page; a wrong answer brings the form
 * back (400) with its errors and nothing written. An unpublished démarche, or another commune's, is
 * not found.
 */
export function demarcheRoutes({
  demarches,
  requireFamily,
}: {
  demarches: DemarchesService;
  /** The families module's guard: the session's own family, or the page that says there is none. */
  requireFamily: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}): FastifyPluginAsync {
  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    demarche: Demarche,
    form: FormState,
    status = 200,
  ) => {
    const commune = communeOf(request);
    const familyId = familyIdOf(request);
    const forChild = await demarches.childTypeCodes(commune, demarche);
    const children = forChild.size > 0 ? await demarches.children(commune, familyId) : [];
    const asking = demarche.fields.filter((field) => forChild.has(field.documentType ?? ''));
    // As « Créer une inscription » does, the family's only child comes ticked; the form sent as shown names him.
    const shown: FormState =
      children.length === 1
        ? {
            ...form,
            values: {
              ...Object.fromEntries(asking.map((field) => [documentChildName(field), children[0]!.id])),
              ...form.values,
            },
          }
        : form;
    // A child chosen shows that child's validated piece, if any, to give again.
    const childOf = Object.fromEntries(
      asking.map((field) => [
        answerName(field),
        children.find((child) => child.id === shown.values[documentChildName(field)])?.id,
      ]),
    );
    const validDocuments = await demarches.validDocuments(commune, familyId, demarche, childOf);
    return reply.page(
      (context) => DemarcheFormPage({ context, demarche, form: shown, validDocuments, children, forChild }),
      status,
    );
  };

  // A form with files: its fields first (the door's CSRF check reads `_csrf` before any file), files dropped if unread.
  const withFiles = { ...idParams('demarcheId'), preValidation: fieldsBeforeFiles, onResponse: dropUnreadFiles };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily);

    app.get('/ma-famille/demarches', async (request, reply) => {
      const published = await demarches.published(communeOf(request).id);
      return reply.page((context) => MyDemarchesPage({ context, demarches: published }));
    });

    app.get<DemarcheParams>('/ma-famille/demarches/:demarcheId', idParams('demarcheId'), async (request, reply) => {
      const demarche = await demarches.publishedOne(communeOf(request).id, request.params.demarcheId);
      if (!demarche) return notFound(reply);
      return formPage(request, reply, demarche, emptyForm);
    });

    app.post<DemarcheParams>('/ma-famille/demarches/:demarcheId', withFiles, async (request, reply) => {
      const commune = communeOf(request);
      const demarche = await demarches.publishedOne(commune.id, request.params.demarcheId);
      if (!demarche) return notFound(reply);
      const values = formValues(request.body);
      delete values._csrf;
      const errors = textErrors(values, multilineAnswers(demarche.fields));
      if (Object.keys(errors).length > 0) return formPage(request, reply, demarche, { values, errors }, 400);
      const received = await receivedFiles(request, MAX_FILES);
      if (!received.ok) {
        const problem = uploadRefusalText(received.reason === 'too-many-files' ? 'too-many-files' : 'no-file', '');
        return formPage(request, reply, demarche, { values, errors: { form: problem } }, 400);
      }
      const outcome = await demarches.submit(
        commune,
        familyIdOf(request),
        demarche.id,
        values,
        received.files,
        citizenAuthor(citizenOf(request)),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) => {
          if (refusal.reason === 'invalid')
            return formPage(request, reply, demarche, { values, errors: refusal.problems }, 400);
          const text = uploadRefusalText(refusal.problem as IntakeProblem, refusal.fileName);
          const status = refusal.problem === 'scan-unavailable' ? 503 : 400;
          return formPage(request, reply, demarche, { values, errors: { [refusal.field]: text } }, status);
        });
      return reply.redirect(`${communePaths(commune).request(outcome.request.id)}?fait=envoyee`, 303);
    });
  };
}
