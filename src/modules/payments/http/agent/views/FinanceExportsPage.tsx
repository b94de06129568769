import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { deskPaymentPaths } from '../../paymentPaths.js';

/** « Exports comptables »: the CSV of the invoices issued and of the payments received over a period. */
export function FinanceExportsPage({ context, from, to }: { context: PageContext; from: string; to: string }) {
  const paths = deskPaymentPaths(context.commune!);
  const period = (action: string, label: string, id: string) => (
    <form method="get" action={action} class="form">
      <h2 id={id}>{label}</h2>
      <div class="field">
        <label for={`${id}-du`}>Du (AAAA-MM-JJ)</label>
        <input id={`${id}-du`} name="du" type="date" value={from} />
      </div>
      <div class="field">
        <label for={`${id}-au`}>Au (AAAA-MM-JJ)</label>
        <input id={`${id}-au`} name="au" type="date" value={to} />
      </div>
      <button type="submit" class="button">
        Télécharger le fichier CSV
      </button>
    </form>
  );
  return (
    <Layout context={context} title="Exports comptables">
      <h1>Exports comptables</h1>
      <p>
        Des fichiers CSV pour le logiciel de finances de la commune : séparateur point-virgule, montants en euros avec
        une virgule, dates au format AAAA-MM-JJ.
      </p>
      {period(paths.invoicesCsv, 'Factures émises', 'export-factures')}
      {period(paths.paymentsCsv, 'Paiements reçus', 'export-paiements')}
    </Layout>
  );
}
