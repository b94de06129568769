import { z } from 'zod';

/** « Paramètres → Paiement en ligne »: on or off, the régie's numcli, the mode. */
export const settingsForm = z.object({
  enabled: z.enum(['oui']).optional(),
  numcli: z
    .string({ error: 'Saisissez le numéro de client de la régie (numcli), 6 chiffres.' })
    .trim()
    .regex(/^[0-9]{6}$/, 'Le numéro de client de la régie (numcli) tient en 6 chiffres, par exemple 123456.'),
  mode: z.enum(['T', 'X', 'W'], { error: 'Choisissez le mode : test, activation ou production.' }),
});

export const settingsLabels = {
  enabled: 'Proposer le paiement en ligne aux familles',
  numcli: 'Numéro de client de la régie (numcli)',
  mode: 'Mode',
};

export const modeOptions = [
  { value: 'T', label: 'Test (aucun paiement réel)' },
  { value: 'X', label: 'Activation (premiers paiements réels de la régie)' },
  { value: 'W', label: 'Production' },
];

/** « Enregistrer un paiement PayFiP manquant »: the idOp PayFiP gave for it. */
export const missingForm = z.object({
  idOp: z
    .string({ error: 'Saisissez l’identifiant du paiement (idOp) donné par PayFiP.' })
    .trim()
    .min(1, 'Saisissez l’identifiant du paiement (idOp) donné par PayFiP.')
    .regex(
      /^[A-Za-z0-9-]{1,64}$/,
      'L’identifiant du paiement (idOp) s’écrit avec des lettres, des chiffres et des tirets.',
    ),
});

export const missingLabels = { idOp: 'Identifiant du paiement PayFiP (idOp)' };

/** The desk's refusals of a missing payment, beside its field. */
export function missingRefusalText(reason: string, code?: string): string {
  switch (reason) {
    case 'disabled':
      return 'Le paiement en ligne n’est pas paramétré pour la commune.';
    case 'unknown-id-op':
      return 'PayFiP ne connaît pas ce paiement, ou n’en a pas encore le résultat.';
    case 'other-commune':
      return 'Ce paiement a été fait à une autre régie que celle de la commune.';
    case 'other-invoice':
      return 'Ce paiement concerne une autre facture.';
    case 'not-paid':
      return 'Selon PayFiP, ce paiement n’a pas été payé (refusé ou abandonné) : rien n’est à enregistrer.';
    case 'test-payment':
      return 'Ce paiement a été fait en mode test : il ne peut pas être enregistré.';
    case 'already-recorded':
      return 'Ce paiement est déjà enregistré.';
    case 'payfip-fault':
      return `PayFiP a répondu par l’erreur ${code ?? 'inconnue'} : rien n’est enregistré.`;
    default:
      return 'PayFiP ne répond pas pour le moment : rien n’est enregistré, réessayez dans quelques minutes.';
  }
}
