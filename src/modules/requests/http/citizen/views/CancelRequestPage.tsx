import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Request } from '../../../requestsRepository.js';

/** The step before cancelling: a cancelled request cannot be reopened, so the family confirms. */
export function CancelRequestPage({ context, request }: { context: PageContext; request: Request }) {
  const base = communePaths(context.commune!).request(request.id);
  return (
    <Layout context={context} title="Annuler ma demande">
      <h1>Annuler ma demande</h1>
      <p>
        <strong>Voulez-vous vraiment annuler cette demande ?</strong>
      </p>
      <p>« {request.summary} »</p>
      <p>Une demande annulée ne peut pas être reprise : pour la refaire, il faudra la déposer à nouveau.</p>
      <div class="actions">
        <PostForm context={context} action={`${base}/annuler`} class="inline-form">
          <input type="hidden" name="confirmation" value="oui" />
          <button type="submit" class="button button--danger">
            Oui, annuler ma demande
          </button>
        </PostForm>
        <a href={base}>Non, revenir à la demande</a>
      </div>
    </Layout>
  );
}
