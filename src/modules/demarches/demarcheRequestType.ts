import { z } from 'zod';
import type { RequestType } from '../requests/requestTypes.js';
import { type Answer, answerText } from './domain/answers.js';
import { FIELD_KINDS } from './domain/demarcheDefinition.js';

/** What the family sent: the démarche as it was named then, and each question with its answer. */
export const demarchePayload = z.object({
  demarcheId: z.uuid(),
  title: z.string(),
  answers: z.array(
    z.object({
      fieldId: z.string(),
      label: z.string(),
      kind: z.enum(FIELD_KINDS),
      value: z.string(),
      documentId: z.uuid().optional(),
      memberId: z.uuid().optional(),
      child: z.string().optional(),
    }),
  ) satisfies z.ZodType<Answer[]>,
});
export type DemarchePayload = z.infer<typeof demarchePayload>;

export const DEMARCHE = 'demarche';

/**
 * « Démarche »: one of the commune's « Autres démarches », filled in by a family. The guichet reads
 * the answers, writes to the family if something is missing, and accepts or refuses; accepting
 * changes nothing else in the portal (what the démarche asks for is done at the guichet).
 */
export const demarcheRequestType: RequestType<DemarchePayload> = {
  type: DEMARCHE,
  label: 'Démarche',
  payload: demarchePayload,
  details: (p) => [
    { label: 'Démarche', after: p.title },
    ...p.answers.flatMap((answer) => [
      // A child's piece: which child it is for, as the family chose, before the piece itself.
      ...(answer.child ? [{ label: `${answer.label} : enfant concerné`, after: answer.child }] : []),
      {
        label: answer.label,
        after: answerText(answer),
        ...(answer.documentId ? { documentId: answer.documentId } : {}),
      },
    ]),
  ],
};
