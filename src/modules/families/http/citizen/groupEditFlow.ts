import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { type GroupValues, needsValidation } from '../../domain/fieldGroups.js';
import type { EditableGroup, FamilyFileService, FileTarget, FullFile } from '../../familyFileService.js';
import { citizenAuthor, citizenOf, communeOf, familyIdOf } from './familyRequest.js';
import { afterChange, formOfValues, parseGroup, pendingOf } from '../groupEditing.js';
import { GroupEditPage } from './views/GroupEditPage.js';

/** One group of one target of the file, as its edit page shows and saves it. */
export interface GroupEdit {
  group: EditableGroup;
  target: FileTarget;
  /** Whom the group is about, in the page's title. */
  about: string;
  /** The page that shows the group: « Annuler » goes back there, and so does a saved change. */
  page: { href: string; label: string };
  /** Where the form posts. */
  action: string;
  leavesAloneOffered?: boolean;
  /** A rule the form cannot carry: what the family may not choose is set here. */
  adjust?: (values: GroupValues[EditableGroup]) => GroupValues[EditableGroup];
}

/**
 * The flow every edit page of the family follows: the form filled with the current values; on
 * posting, the change is written, becomes a request, or is refused (a request of the group already
 * waits, 409; what was typed is wrong, 400 with the error summary, nothing written).
 */
export function groupEditFlow(familyFile: FamilyFileService) {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    file: FullFile,
    edit: GroupEdit,
    form: FormState,
    status = 200,
    refusedAsPending = false,
  ) => {
    const validated = needsValidation(edit.group, await familyFile.policies(communeOf(request).id));
    return reply.page(
      (context) =>
        GroupEditPage({
          context,
          group: edit.group,
          about: edit.about,
          action: edit.action,
          back: { href: edit.page.href, label: `Retour : ${edit.page.label}` },
          form,
          validated,
          pending: pendingOf(file, edit.group, edit.target),
          refusedAsPending,
          leavesAloneOffered: edit.leavesAloneOffered ?? false,
        }),
      status,
    );
  };

  return {
    async show(request: FastifyRequest, reply: FastifyReply, file: FullFile, edit: GroupEdit) {
      const values = familyFile.currentValues(file, edit.target, edit.group);
      if (!values) return notFound(reply);
      return render(request, reply, file, edit, { values: formOfValues(edit.group, values), errors: {} });
    },

    async save(request: FastifyRequest, reply: FastifyReply, file: FullFile, edit: GroupEdit) {
      const parsed = parseGroup(edit.group, request.body);
      if (!parsed.ok) return render(request, reply, file, edit, parsed, 400);
      const next = edit.adjust ? edit.adjust(parsed.data) : parsed.data;
      const commune = communeOf(request);
      const outcome = await familyFile.change(
        commune,
        familyIdOf(request),
        edit.target,
        edit.group,
        next,
        citizenAuthor(citizenOf(request)),
        request.ip,
      );
      if (outcome.ok) return reply.redirect(afterChange(edit.page.href, outcome), 303);
      // The request that waits may have come after the page was read: show the file as it is now.
      return answerRefusal(reply, outcome, async () =>
        render(
          request,
          reply,
          (await familyFile.file(commune.id, familyIdOf(request))) ?? file,
          edit,
          emptyForm,
          409,
          true,
        ),
      );
    },
  };
}
