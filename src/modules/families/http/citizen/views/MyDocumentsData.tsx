import { communePaths } from '../../../../../platform/views/paths.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import type { FamilyExport } from '../../../familyExport.js';
import { DataSection, plain } from './MyDataParts.js';

const states: Record<string, string> = {
  pending: 'En attente de validation',
  validated: 'Validée',
  refused: 'Refusée',
  replaced: 'Remplacée',
};

/** The documents' part of « Télécharger mes données »: each document, its state, and each file to download. */
export function MyDocumentsData({
  commune,
  data,
  memberName,
}: {
  commune: Commune;
  data: FamilyExport;
  memberName: (id: unknown) => string;
}) {
  const paths = communePaths(commune);
  return (
    <DataSection
      title="Les pièces justificatives"
      about="Les documents envoyés au guichet unique. Les fichiers d’une pièce refusée, remplacée ou expirée sont supprimés après leur durée de conservation."
    >
      {data.documents.length === 0 ? <p>Aucune donnée.</p> : null}
      {data.documents.map((document) => {
        const { files } = document;
        return (
          <section key={document.id}>
            <h3>
              {document.typeName}
              {document.memberId ? ` de ${memberName(document.memberId)}` : ''}, envoyée le {plain(document.uploadedAt)}
            </h3>
            <p>
              État : {states[document.status] ?? document.status}
              {document.validUntil ? `, jusqu’au ${plain(document.validUntil)}` : ''}
              {document.refusalReason ? ` — motif : ${document.refusalReason}` : ''}
              {document.purgedAt ? ` — fichiers supprimés le ${plain(document.purgedAt)}` : ''}
            </p>
            {files.length > 0 ? (
              <ul>
                {files.map((file) => (
                  <li key={file.id}>
                    <a href={paths.documentFile(document.id, file.id)}>Télécharger {file.fileName}</a> (
                    {file.contentType}, {file.size} octets, SHA-256 {file.sha256})
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </DataSection>
  );
}
