import { z } from 'zod';
import {
  emailField,
  optionalText,
  phoneField,
  postcodeField,
  requiredText,
} from '../../../../platform/http/formFields.js';

/**
 * The citizen forms' fields and their French messages: each says what is wrong and how to fix it.
 * The limits protect the database from absurd input; the rules that need the database (a taken
 * name, a key) are the services'.
 */
const text = requiredText;
const phone = phoneField;

export const email = (message = 'Indiquez votre adresse e-mail.') => emailField(message);

export const username = text('Choisissez un identifiant.', 40).regex(
  /^[A-Za-z0-9._-]{3,40}$/,
  "L'identifiant comporte de 3 à 40 caractères : lettres sans accent, chiffres, point, tiret ou tiret bas.",
);

const newPassword = z.string({ error: 'Choisissez un mot de passe.' }).min(1, 'Choisissez un mot de passe.');
const samePasswords = (form: { password: string; passwordConfirmation: string }) =>
  form.password === form.passwordConfirmation;
const confirmationMessage = {
  path: ['passwordConfirmation'],
  message: 'Les deux mots de passe ne sont pas identiques. Saisissez deux fois le même mot de passe.',
};

export const signUpForm = z
  .object({
    civility: z.enum(['madame', 'monsieur'], { error: 'Indiquez votre civilité : Madame ou Monsieur.' }),
    firstName: text('Indiquez votre prénom.'),
    lastName: text('Indiquez votre nom.'),
    street: text('Indiquez le numéro et la voie de votre adresse, par exemple 2 rue des Chariots.', 200),
    streetComplement: optionalText(200),
    postcode: postcodeField('Indiquez votre code postal.'),
    city: text('Indiquez votre commune de résidence.'),
    mobilePhone: phone,
    homePhone: phone,
    email: email('Indiquez votre adresse e-mail : elle sert à activer votre espace.'),
    username,
    password: newPassword,
    passwordConfirmation: z.string().optional().default(''),
    childKey: optionalText(40),
    terms: z.literal('oui', { error: "Cochez la case pour accepter les conditions générales d'utilisation." }),
  })
  .refine(samePasswords, confirmationMessage);

export const signUpLabels = {
  civility: 'Civilité',
  firstName: 'Prénom',
  lastName: 'Nom',
  street: 'Numéro et voie',
  streetComplement: "Complément d'adresse",
  postcode: 'Code postal',
  city: 'Commune',
  mobilePhone: 'Téléphone portable',
  homePhone: 'Téléphone fixe',
  email: 'Adresse e-mail',
  username: 'Identifiant',
  password: 'Mot de passe',
  passwordConfirmation: 'Confirmation du mot de passe',
  childKey: 'Clé Enfance',
  terms: "Conditions générales d'utilisation",
};

export const loginForm = z.object({
  identifier: text('Indiquez votre identifiant ou votre adresse e-mail.', 254),
  password: z
    .string({ error: 'Indiquez votre mot de passe.' })
    .min(1, 'Indiquez votre mot de passe.')
    .max(1024, 'Mot de passe trop long.'),
});

export const identifierForm = z.object({
  identifier: text('Indiquez votre identifiant ou votre adresse e-mail.', 254),
});

export const resetForm = z
  .object({ password: newPassword, passwordConfirmation: z.string().optional().default('') })
  .refine(samePasswords, confirmationMessage);

const currentPassword = z
  .string({ error: 'Indiquez votre mot de passe actuel.' })
  .min(1, 'Indiquez votre mot de passe actuel.');
export const usernameForm = z.object({ username, currentPasswordForUsername: currentPassword });
export const emailForm = z.object({
  email: email('Indiquez la nouvelle adresse e-mail.'),
  currentPasswordForEmail: z
    .string({ error: 'Indiquez votre mot de passe actuel.' })
    .min(1, 'Indiquez votre mot de passe actuel.'),
});
export const passwordForm = z
  .object({
    currentPassword: z
      .string({ error: 'Indiquez votre mot de passe actuel.' })
      .min(1, 'Indiquez votre mot de passe actuel.'),
    password: newPassword,
    passwordConfirmation: z.string().optional().default(''),
  })
  .refine(samePasswords, confirmationMessage);

export const childKeyForm = z.object({ childKey: text('Saisissez la Clé Enfance remise par le guichet unique.', 40) });

/** « Modifier mon profil »: the address given at sign-up and the phones (the e-mail is a login: « Identifiants »). */
export const profileForm = z.object({
  street: text('Indiquez le numéro et la voie de votre adresse, par exemple 2 rue des Chariots.', 200),
  streetComplement: optionalText(200),
  postcode: postcodeField('Indiquez votre code postal.'),
  city: text('Indiquez votre commune de résidence.'),
  mobilePhone: phone,
  homePhone: phone,
});
