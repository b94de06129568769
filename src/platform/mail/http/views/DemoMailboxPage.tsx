import { COMMUNE_TIME_ZONE } from '../../../../shared/dates.js';
import { Layout } from '../../../views/Layout.js';
import type { PageContext } from '../../../views/PageContext.js';
import type { MailboxEntry } from '../../mailboxRepository.js';

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: COMMUNE_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

/** 27/11/2026 09:04, in the commune's time zone whatever the server's. */
export function MailDate({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{dateTimeFormat.format(date)}</time>;
}

export function DemoMailboxNotice() {
  return <p class="notice">Boîte mail de démonstration : en production, ces messages partent par e-mail.</p>;
}

/** The commune's mails kept by the demo, newest first. */
export function DemoMailboxPage({
  context,
  mails,
  basePath,
}: {
  context: PageContext;
  mails: MailboxEntry[];
  basePath: string;
}) {
  return (
    <Layout context={context} title="Boîte mail de démonstration">
      <h1>Boîte mail de démonstration</h1>
      <DemoMailboxNotice />
      {mails.length === 0 ? (
        <p>Aucun message pour le moment.</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">Messages envoyés, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <td>
                    <MailDate date={mail.createdAt} />
                  </td>
                  <td>{mail.to}</td>
                  <td>
                    <a href={`${basePath}/${mail.id}`}>{mail.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
