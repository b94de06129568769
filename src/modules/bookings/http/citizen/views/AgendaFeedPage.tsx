import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { AgendaMember } from '../../../agendaRepository.js';

/**
 * The subscription link, shown this once: only its hash is kept. How to add it to a phone's or a
 * computer's calendar, and what it shows to whoever has it.
 */
export function AgendaFeedPage({ context, member, url }: { context: PageContext; member: AgendaMember; url: string }) {
  const paths = communePaths(context.commune!);
  const webcal = url.replace(/^https?:\/\//, 'webcal://');
  return (
    <Layout context={context} title={`Abonnement au calendrier de ${member.firstName}`}>
      <h1>Abonnement au calendrier de {member.firstName}</h1>
      <div class="notice notice--success" role="status">
        <p>Le lien d’abonnement est créé. Il n’est affiché qu’une seule fois : copiez-le maintenant.</p>
      </div>
      <div class="field">
        <label for="champ-lien">Adresse du calendrier</label>
        <input id="champ-lien" type="text" readOnly value={url} class="feed-link" spellcheck={false} />
      </div>
      <p>
        <a class="button" href={webcal}>
          Ouvrir dans l’application Calendrier
        </a>
      </p>
      <h2>Ajouter le calendrier</h2>
      <h3>Sur un iPhone ou un iPad</h3>
      <ol>
        <li>Touchez « Ouvrir dans l’application Calendrier » ci-dessus, puis « S’abonner ».</li>
        <li>
          Ou bien : Réglages, Calendrier, Comptes, Ajouter un compte, Autre, « Ajouter un calendrier avec abonnement »,
          puis collez l’adresse.
        </li>
      </ol>
      <h3>Sur un téléphone Android (Google Agenda)</h3>
      <ol>
        <li>Sur un ordinateur, ouvrez Google Agenda dans le navigateur.</li>
        <li>À côté de « Autres agendas », choisissez « + » puis « À partir de l’URL » et collez l’adresse.</li>
        <li>Le calendrier apparaît ensuite sur le téléphone connecté au même compte.</li>
      </ol>
      <h3>Sur un ordinateur (Outlook, Thunderbird, Calendrier de macOS)</h3>
      <p>
        Choisissez « Ajouter un calendrier » ou « Nouveau calendrier », puis « À partir d’Internet » ou « Sur le réseau
        », et collez l’adresse.
      </p>
      <h2>Confidentialité</h2>
      <p>
        Toute personne qui connaît ce lien voit le prénom de {member.firstName}, ses services et ses jours d’activité
        (ni son nom, ni son adresse, ni ses informations de santé). Ne le partagez qu’avec les personnes de confiance.
        Si vous l’avez transmis par erreur, révoquez-le depuis l’agenda : il cesse aussitôt de fonctionner.
      </p>
      <p>
        <a href={paths.agenda(member.id)}>Retour à l’agenda de {member.firstName}</a>
      </p>
    </Layout>
  );
}
