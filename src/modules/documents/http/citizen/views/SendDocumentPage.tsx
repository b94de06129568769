import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { CsrfField } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { FamilyMember } from '../../../../families/familiesRepository.js';
import type { DocumentType } from '../../../documentsRepository.js';

const FIELD = 'champ-fichiers';

/**
 * Sending a document: one file input taking several files (a photo per page), from the computer or
 * the phone's camera (the phone offers it for `image/*`). `_csrf` comes first in the form: the server
 * checks it before reading any file.
 */
export function SendDocumentPage({
  context,
  type,
  member,
  error,
}: {
  context: PageContext;
  type: DocumentType;
  member: FamilyMember | null;
  error: string | null;
}) {
  const paths = communePaths(context.commune!);
  const title = `Envoyer : ${type.name}${member ? ` de ${member.firstName}` : ''}`;
  return (
    <Layout context={context} title={error ? `Erreur : ${title}` : title}>
      <p>
        <a href={paths.documents}>Retour aux pièces justificatives</a>
      </p>
      <h1>{title}</h1>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="erreurs-titre" tabIndex={-1} id="erreurs" autofocus>
          <h2 id="erreurs-titre">Le document n’a pas été envoyé</h2>
          <ul>
            <li>
              <a href={`#${FIELD}`}>{error}</a>
            </li>
          </ul>
        </div>
      ) : null}
      {type.description ? <p>{type.description}</p> : null}
      <form
        method="post"
        action={paths.sendDocument(type.id, member?.id ?? null)}
        encType="multipart/form-data"
        class="form"
        noValidate
      >
        <CsrfField context={context} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for={FIELD}>Fichiers du document (obligatoire)</label>
          <span class="hint" id={`${FIELD}-aide`}>
            PDF, JPEG ou PNG, 10 Mo au plus par fichier, 10 fichiers au plus. Pour un document de plusieurs pages,
            choisissez tous les fichiers en même temps ou une photo par page.
          </span>
          {error ? (
            <span class="field__error" id={`${FIELD}-erreur`}>
              <span class="visually-hidden">Erreur : </span>
              {error}
            </span>
          ) : null}
          <input
            type="file"
            id={FIELD}
            name="fichiers"
            multiple
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-required="true"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${FIELD}-aide ${FIELD}-erreur` : `${FIELD}-aide`}
          />
        </div>
        <button type="submit" class="button">
          Envoyer le document
        </button>
      </form>
    </Layout>
  );
}
