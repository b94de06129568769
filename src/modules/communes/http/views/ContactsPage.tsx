import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import type { Commune } from '../../domain/commune.js';
import { DeskContact } from './DeskContact.js';

export function ContactsPage({ context, commune }: { context: PageContext; commune: Commune }) {
  return (
    <Layout context={context} title="Contacts">
      <h1>Contacts</h1>
      <h2>Guichet unique</h2>
      <p>
        Le guichet unique vous accueille pour toutes vos démarches : inscriptions, réservations, factures, Clé Enfance.
      </p>
      <DeskContact desk={commune.desk} />
      <h2>Site de la commune</h2>
      <p>
        <a href={commune.mainSiteUrl}>Site internet de la commune de {commune.name}</a>
      </p>
    </Layout>
  );
}
