import { Layout } from './Layout.js';
import type { PageContext } from './PageContext.js';

export type ErrorKind = 'not-found' | 'bad-request' | 'unavailable' | 'unexpected';

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

export function ErrorPage({ context, kind, requestId }: { context: PageContext; kind: ErrorKind; requestId?: string }) {
  const text = texts[kind];
  const home = context.commune ? `/${context.commune.slug}` : '/';
  return (
    <Layout context={context} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      <p>{text.next}</p>
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
