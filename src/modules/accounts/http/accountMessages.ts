import { formatUntil } from '../../../shared/dates.js';
import type { ChildKeyRefused, CurrentPasswordRefused, KeyRefusal, Taken, WeakPassword } from '../accountRefusals.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type PasswordProblem } from '../domain/passwordPolicy.js';

/**
 * The account services' refusals in the words of the forms, beside the field they concern. The
 * service says why (a typed reason); which field shows it is the form's business, so the current
 * password's field is named by the route (each identifiers form has its own).
 */
export type AccountRefusal = WeakPassword | CurrentPasswordRefused | ChildKeyRefused | Taken;

export interface MessageContext {
  /** The field of the current password in this form. */
  currentPasswordField?: string;
  /** Now, for « réessayez après … ». */
  now: Date;
}

export function accountFieldErrors(refusal: AccountRefusal, context: MessageContext): Record<string, string> {
  const current = context.currentPasswordField ?? 'currentPassword';
  switch (refusal.reason) {
    case 'weak-password':
      return { password: passwordMessage(refusal.problem, refusal.minLength) };
    case 'wrong-password':
      return {
        [current]:
          'Le mot de passe actuel est incorrect. Saisissez le mot de passe que vous utilisez pour vous connecter.',
      };
    case 'password-locked':
      return {
        [current]: `Trop de mots de passe erronés : par sécurité, réessayez après ${formatUntil(refusal.until, context.now)}.`,
      };
    case 'child-key':
      return { childKey: keyMessage(refusal.key) };
    case 'username-taken':
      return { username: 'Cet identifiant est déjà utilisé. Choisissez-en un autre.' };
    case 'email-taken':
      return { email: 'Un agent de la commune a déjà cette adresse e-mail. Choisissez-en une autre.' };
  }
}

export function keyMessage(reason: KeyRefusal): string {
  switch (reason) {
    case 'malformed':
      return 'La Clé Enfance se compose de 16 lettres et chiffres, par exemple ABCD-EFGH-JKMN-PQRS. Vérifiez la saisie.';
    case 'unknown':
      return "Cette Clé Enfance n'est pas valable : vérifiez-la, ou demandez-en une nouvelle au guichet unique.";
    case 'too-many':
      return 'Trop de clés erronées ont été saisies. Réessayez demain, ou contactez le guichet unique.';
    case 'already-linked':
      return 'Votre espace est déjà relié à un dossier famille.';
  }
}

/** What is wrong with a new password, in the words of the form; agents have their own minimum length. */
export function passwordMessage(problem: PasswordProblem, minLength = MIN_PASSWORD_LENGTH): string {
  switch (problem) {
    case 'too-short':
      return `Le mot de passe doit contenir au moins ${minLength} caractères. Une phrase de plusieurs mots est facile à retenir.`;
    case 'too-long':
      return `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères. Choisissez-en un plus court.`;
    case 'common':
      return 'Ce mot de passe fait partie des plus utilisés, même avec des chiffres ou des signes ajoutés. Choisissez-en un autre, par exemple une phrase de plusieurs mots.';
    case 'contains-personal':
      return 'Le mot de passe ne doit contenir ni votre identifiant, ni votre adresse e-mail, ni le nom de la commune. Choisissez-en un autre.';
  }
}
