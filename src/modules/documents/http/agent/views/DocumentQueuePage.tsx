import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox, personName } from '../../../../../doors/agent/views/deskParts.js';
import type { DocumentWithFiles } from '../../../documentsService.js';

const notices = {
  valide: 'La pièce est validée.',
  refuse: 'La pièce est refusée : la famille est prévenue par courriel.',
};
export type QueueNotice = keyof typeof notices;
export const isQueueNotice = (value: string): value is QueueNotice => Object.hasOwn(notices, value);

/** The documents waiting for a decision, oldest first. */
export function DocumentQueuePage({
  context,
  queue,
  references,
  notice,
}: {
  context: PageContext;
  queue: DocumentWithFiles[];
  references: Map<string, string>;
  notice: QueueNotice | null;
}) {
  const paths = agentPaths(context.commune!);
  return (
    <Layout context={context} title="Pièces à valider">
      <h1>Pièces à valider</h1>
      {notice ? (
        <Notice>
          <p>{notices[notice]}</p>
        </Notice>
      ) : null}
      {queue.length === 0 ? (
        <p>Aucune pièce n’attend de validation.</p>
      ) : (
        <TableBox label="Pièces à valider">
          <table class="data">
            <caption class="visually-hidden">Pièces à valider, de la plus ancienne à la plus récente</caption>
            <thead>
              <tr>
                <th scope="col">Reçue le</th>
                <th scope="col">Pièce</th>
                <th scope="col">Dossier</th>
                <th scope="col">Pour</th>
                <th scope="col">Antivirus</th>
              </tr>
            </thead>
            <tbody>
              {queue.map(({ document, type, member }) => (
                <tr key={document.id}>
                  <td>{formatLocalDateTime(document.uploadedAt)}</td>
                  <td>
                    <a href={paths.document(document.id)}>{type.name}</a>
                  </td>
                  <td>{references.get(document.familyId) ?? ''}</td>
                  <td>{member ? personName(member) : 'La famille'}</td>
                  <td>{document.scan === 'clean' ? 'Analysé' : 'Non analysé'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </Layout>
  );
}
