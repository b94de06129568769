import type { PageContext } from '../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../platform/views/components/forms.js';
import { formatEuros } from '../../../../shared/money.js';
import type { OnlineOffer } from '../../domain/onlineOffer.js';
import { onlinePaymentPaths } from '../../onlinePaymentPaths.js';
import { troubleText } from '../onlineWording.js';

/** What the invoice page shows of online payment; the refusal named in `?en-ligne=` after a failed start. */
export interface PayOnlineState {
  offer: OnlineOffer;
  leftToPayCents: number;
  failed?: { reason: string; code?: string };
}

/**
 * « Payer en ligne » on a family's invoice page (a page part the payments module shows): the button while
 * the invoice may be paid online, the reason otherwise, and why the last try failed.
 */
export function PayOnlinePanel({
  context,
  invoiceId,
  state,
}: {
  context: PageContext;
  invoiceId: string;
  state: PayOnlineState;
}) {
  const { offer, failed } = state;
  if (offer === 'disabled' || offer === 'closed') return null;
  const paths = onlinePaymentPaths(context.commune!);
  return (
    <section aria-labelledby="payer-en-ligne" class="file-section">
      <h2 id="payer-en-ligne">Payer en ligne</h2>
      {failed ? (
        <div class="notice notice--error" role="alert">
          <p>{troubleText(failed.reason, failed.code)}</p>
        </div>
      ) : null}
      {offer === 'available' ? (
        <>
          <p>
            Par carte bancaire ou par prélèvement unique, sur le service de paiement sécurisé PayFiP de la DGFiP. Vous
            paierez {formatEuros(state.leftToPayCents)}.
          </p>
          <PostForm context={context} action={paths.pay(invoiceId)}>
            <button type="submit" class="button">
              Payer en ligne
            </button>
          </PostForm>
        </>
      ) : offer === 'in-progress' ? (
        <p>
          {troubleText(offer)} <a href={paths.returnPage(invoiceId)}>Voir où en est le paiement</a>
        </p>
      ) : failed?.reason === offer ? null : (
        <p>{troubleText(offer)}</p>
      )}
    </section>
  );
}
