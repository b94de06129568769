import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import type { DocumentWithFiles } from '../../../documentsService.js';
import { FileList, StateTag } from '../../documentParts.js';

/** What the family sent for one document, its state, and each file to read back. */
export function MyDocumentPage({ context, shown }: { context: PageContext; shown: DocumentWithFiles }) {
  const paths = communePaths(context.commune!);
  const { document, type, files, member, state } = shown;
  const title = `${type.name}${member ? ` de ${member.firstName}` : ''}`;
  return (
    <Layout context={context} title={title}>
      <p>
        <a href={paths.documents}>Retour aux pièces justificatives</a>
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Envoyé le</dt>
        <dd>{formatLocalDateTime(document.uploadedAt)}</dd>
        <dt>État</dt>
        <dd>{document.status === 'replaced' ? 'Remplacé par un envoi plus récent' : <StateTag state={state} />}</dd>
        {state.state === 'refused' ? (
          <>
            <dt>Motif du refus</dt>
            <dd>{state.reason}</dd>
          </>
        ) : null}
      </dl>
      <h2>Fichiers envoyés</h2>
      <FileList files={files} href={(file) => paths.documentFile(document.id, file.id)} />
    </Layout>
  );
}
