import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { Attempt } from '../../../onlinePaymentsRepository.js';
import { onlinePaymentPaths } from '../../../onlinePaymentPaths.js';
import { attemptLabel } from '../../onlineWording.js';

/** What the family reads of each outcome, after the state's name. */
function outcomeText(attempt: Attempt): string {
  switch (attempt.state) {
    case 'pending':
      return 'Le service de paiement ne nous a pas encore confirmé le résultat. Cela prend en général moins d’une minute : rechargez cette page.';
    case 'paid':
      return attempt.result === 'V'
        ? `Votre paiement de ${formatEuros(attempt.paidCents ?? 0)} par prélèvement est enregistré : il sera débité de votre compte sous quelques jours. Un reçu vous est envoyé par courriel.`
        : `Votre paiement de ${formatEuros(attempt.paidCents ?? 0)} par carte bancaire est enregistré. Un reçu vous est envoyé par courriel.`;
    case 'refused':
      return 'Le paiement a été refusé : rien n’a été débité. Vous pouvez réessayer, avec un autre moyen de paiement, ou payer au guichet unique.';
    case 'abandoned':
      return 'Vous avez quitté la page de paiement : rien n’a été débité. Vous pouvez recommencer quand vous le souhaitez.';
    case 'expired':
      return 'Le paiement n’a pas abouti dans le temps imparti : rien n’a été débité. Vous pouvez recommencer.';
    case 'test':
      return 'Ce paiement a été fait en mode test : il n’est pas enregistré. Contactez le guichet unique.';
  }
}

/** Where PayFiP sends the family back: « en cours de confirmation » until PayFiP says, then the outcome. */
export function ReturnPage({ context, attempt }: { context: PageContext; attempt: Attempt }) {
  const paths = onlinePaymentPaths(context.commune!);
  const title = attemptLabel(attempt);
  return (
    <Layout context={context} title={title}>
      <h1>{title}</h1>
      <div class={attempt.state === 'paid' ? 'notice notice--success' : 'notice'} role="status">
        <p>{outcomeText(attempt)}</p>
      </div>
      {attempt.state === 'pending' ? (
        <p>
          <a href={paths.returnPage(attempt.invoiceId)}>Recharger la page</a>
        </p>
      ) : null}
      <p>
        <a href={paths.invoice(attempt.invoiceId)}>Retour à la facture</a>
      </p>
    </Layout>
  );
}
