import { z } from 'zod';
import { emailField, requiredText } from '../../../../platform/http/formFields.js';
import { AGENT_ROLES } from '../../agentsPolicy.js';

/**
 * The back office's forms and their French messages: each says what is wrong and how to fix it. The
 * rules that need the database (a taken e-mail, a wrong password) are the service's.
 */
const text = requiredText;
const email = emailField;

const role = z.enum(AGENT_ROLES, { error: 'Choisissez un rôle : administrateur, agent ou animateur.' });

export const loginForm = z.object({
  email: email('Indiquez votre adresse e-mail professionnelle.'),
  password: z
    .string({ error: 'Indiquez votre mot de passe.' })
    .min(1, 'Indiquez votre mot de passe.')
    .max(1024, 'Ce mot de passe est trop long.'),
});
export const loginLabels = { email: 'Adresse e-mail', password: 'Mot de passe' };

export const codeForm = z.object({
  code: z
    .string({ error: "Saisissez le code à 6 chiffres affiché par votre application d'authentification." })
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(
      z
        .string()
        .regex(
          /^\d{6}$/,
          "Le code comporte 6 chiffres, par exemple 123456. Saisissez celui que l'application affiche en ce moment.",
        ),
    ),
});
export const codeLabels = { code: 'Code à 6 chiffres' };

export const recoveryCodeForm = z.object({
  recoveryCode: text('Saisissez un de vos codes de secours, par exemple ABCDE-FGHJK.', 40),
});
export const recoveryCodeLabels = { recoveryCode: 'Code de secours' };

export const invitationForm = z
  .object({
    password: z.string({ error: 'Choisissez un mot de passe.' }).min(1, 'Choisissez un mot de passe.'),
    passwordConfirmation: z.string().optional().default(''),
  })
  .refine((form) => form.password === form.passwordConfirmation, {
    path: ['passwordConfirmation'],
    message: 'Les deux mots de passe ne sont pas identiques. Saisissez deux fois le même mot de passe.',
  });
export const invitationLabels = { password: 'Mot de passe', passwordConfirmation: 'Confirmation du mot de passe' };

export const inviteForm = z.object({
  email: email("Indiquez l'adresse e-mail professionnelle de l'agent : l'invitation y sera envoyée."),
  firstName: text("Indiquez le prénom de l'agent."),
  lastName: text("Indiquez le nom de l'agent."),
  role,
});
export const inviteLabels = { email: 'Adresse e-mail', firstName: 'Prénom', lastName: 'Nom', role: 'Rôle' };

export const roleForm = z.object({ role });
