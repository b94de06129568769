import { Layout } from './Layout.js';
import type { PageContext } from './PageContext.js';

export type ErrorKind =
  'not-found' | 'bad-request' | 'expired-form' | 'too-many' | 'too-many-writes' | 'unavailable' | 'unexpected';

const texts: Record<ErrorKind, { title: string; lead: string; next: string }> = {
  'not-found': {
    title: 'Page introuvable',
    lead: "La page que vous cherchez n'existe pas ou n'existe plus.",
    next: "Vérifiez l'adresse saisie, ou repartez de la page d'accueil.",
  },
  'bad-request': {
    title: 'Demande incorrecte',
    lead: "Votre demande n'a pas pu être comprise.",
    next: "Revenez à la page précédente et recommencez. Rien n'a été enregistré.",
  },
  'expired-form': {
    title: 'Formulaire expiré',
    lead: "Ce formulaire a expiré, ou il n'a pas été envoyé depuis l'espace citoyens. Rien n'a été enregistré.",
    next: 'Revenez à la page précédente, rechargez-la, puis recommencez.',
  },
  'too-many': {
    title: 'Trop de tentatives',
    lead: "Trop de tentatives ont été faites depuis votre connexion. Par sécurité, ce formulaire est bloqué pour l'instant.",
    next: 'Réessayez plus tard.',
  },
  'too-many-writes': {
    title: 'Trop de modifications',
    lead: "Votre compte a enregistré un très grand nombre de modifications de réservations en peu de temps. Par sécurité, les nouvelles modifications sont bloquées pour l'instant. Rien n'a été enregistré.",
    next: 'Réessayez plus tard, ou contactez le guichet unique.',
  },
  unavailable: {
    title: 'Service momentanément indisponible',
    lead: "L'espace citoyens ne peut pas répondre pour le moment. Rien n'a été enregistré.",
    next: 'Veuillez réessayer dans quelques minutes.',
  },
  unexpected: {
    title: 'Une erreur est survenue',
    lead: "Nous n'avons pas pu traiter votre demande. Rien n'a été enregistré à moitié.",
    next: "Veuillez réessayer. Si l'erreur se reproduit, contactez la mairie en indiquant la référence ci-dessous.",
  },
};

export function ErrorPage({
  context,
  kind,
  requestId,
  waitMinutes,
}: {
  context: PageContext;
  kind: ErrorKind;
  requestId?: string;
  waitMinutes?: number;
}) {
  const text = texts[kind];
  const home = context.commune ? `/${context.commune.slug}` : '/';
  return (
    <Layout context={context} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      <p>{waitMinutes ? `Réessayez dans ${waitingTime(waitMinutes)}.` : text.next}</p>
      {requestId && kind !== 'not-found' ? (
        <p>
          Référence de l'erreur : <code>{requestId}</code>
        </p>
      ) : null}
      <p>
        <a href={home}>Retour à l'accueil</a>
      </p>
    </Layout>
  );
}

/** « 5 minutes », « 2 heures »: a wait of more than 90 minutes reads in whole hours, rounded up. */
function waitingTime(minutes: number): string {
  if (minutes <= 90) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} heures`;
}
