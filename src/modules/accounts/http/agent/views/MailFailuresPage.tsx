import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import type { MailTrouble } from '../../../../../platform/mail/mailboxRepository.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';

const notices = {
  renvoye: { kind: 'success' as const, text: 'Le message est renvoyé : il part dès que le serveur d’envoi l’accepte.' },
  deja: { kind: 'info' as const, text: 'Ce message n’est plus en échec : il a déjà été renvoyé.' },
};
export type MailFailuresNotice = keyof typeof notices;

function stateOf(mail: MailTrouble): string {
  if (mail.status === 'expired') return 'Non envoyé, lien expiré';
  if (mail.status === 'failed') return 'Non envoyé';
  return `Nouvel essai prévu (${mail.attempts} ${mail.attempts > 1 ? 'essais' : 'essai'})`;
}

/** The commune's mails in trouble, newest first, with the reason and « Renvoyer » for a refused one. */
export function MailFailuresPage({
  context,
  mails,
  notice,
}: {
  context: PageContext;
  mails: MailTrouble[];
  notice: MailFailuresNotice | null;
}) {
  const paths = agentPaths(context.commune!);
  const message = notice ? notices[notice] : null;
  return (
    <Layout context={context} title="Courriels en échec">
      <h1>Courriels en échec</h1>
      {message ? (
        <Notice kind={message.kind}>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      <p>
        Les messages de l’espace citoyens que le serveur d’envoi a refusés, qui n’ont pas pu partir, ou dont le lien a
        expiré avant l’envoi. Un message en attente est réessayé tout seul. Un message dont le lien a expiré est effacé
        : la famille peut demander un nouveau lien.
      </p>
      {mails.length === 0 ? (
        <p>Aucun message en échec.</p>
      ) : (
        <TableBox label="Courriels en échec">
          <table class="data">
            <caption class="visually-hidden">Courriels en échec, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">État</th>
                <th scope="col">Raison</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <td>{formatLocalDateTime(mail.createdAt)}</td>
                  <td>{mail.to}</td>
                  <td>{mail.subject.split(' — ')[0]}</td>
                  <td>{stateOf(mail)}</td>
                  <td>{mail.lastError ?? ''}</td>
                  <td>
                    {mail.status === 'failed' ? (
                      <PostForm context={context} action={paths.resendMail(mail.id)} class="inline-form">
                        <button type="submit" class="button button--secondary">
                          Renvoyer<span class="visually-hidden"> le message à {mail.to}</span>
                        </button>
                      </PostForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </Layout>
  );
}
