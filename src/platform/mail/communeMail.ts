import type { Commune } from '../../modules/communes/domain/commune.js';
import { composeMail } from './composeMail.js';
import type { MailMessage } from './mailer.js';

/** A mail from a commune's portal: From its guichet unique, the commune's name in the subject. */
export function communeMail(
  commune: Commune,
  to: string,
  subject: string,
  body: Parameters<typeof composeMail>[0],
): MailMessage {
  return {
    communeId: commune.id,
    from: { name: `Espace citoyens de ${commune.name}`, address: commune.desk.email },
    to,
    subject: `${subject} — Espace citoyens de ${commune.name}`,
    ...composeMail(body),
  };
}

/** How every mail of a commune is signed. */
export const deskSignature = (commune: Commune) => `Le guichet unique de ${commune.name} — ${commune.desk.phone}`;
