import { Fragment } from 'preact';
import { Layout } from '../Layout.js';
import type { PageContext } from '../PageContext.js';
import { Badge, BADGE_TONES, type BadgeTone } from '../components/Badge.js';
import { Breadcrumb } from '../components/Breadcrumb.js';
import { Card, CardGrid } from '../components/Card.js';
import { Icon, ICON_NAMES } from '../components/Icon.js';
import { SiteMenu } from '../components/SiteMenu.js';
import { Tabs } from '../components/Tabs.js';
import { communePaths } from '../paths.js';

const toneWords: Record<BadgeTone, string[]> = {
  neutral: ['Annulée'],
  info: ['Déposée', 'En cours de traitement', 'À payer'],
  success: ['Acceptée', 'Payée', 'Validée'],
  warning: ['À compléter', 'En retard', 'À fournir'],
  error: ['Refusée'],
};

const toneNames: Record<BadgeTone, string> = {
  neutral: 'Neutre',
  info: 'En attente',
  success: 'Réussi',
  warning: 'À faire',
  error: 'Refusé',
};

const typeScale: [string, string][] = [
  ['--text-xl', 'Titre de page (h1)'],
  ['--text-lg', 'Titre de section (h2)'],
  ['--text-md', 'Sous-titre (h3) et chapeau'],
  ['--text-base', 'Texte courant'],
  ['--text-sm', 'Mentions et badges'],
  ['--text-xs', 'Notes de calendrier'],
];

const spaces = ['--space-1', '--space-2', '--space-3', '--space-4', '--space-5', '--space-6', '--space-7'];

/** The design system's page: tokens, then each component in each of its states. */
export function ComponentsDemoPage({ context }: { context: PageContext }) {
  const paths = communePaths(context.commune!);
  const sample = (name: string) => `${paths.componentsDemo}#${name}`;
  const menuLinks = [
    { href: sample('menu'), label: 'Mon accueil' },
    { href: sample('cartes'), label: 'Ma famille' },
    { href: sample('onglets'), label: 'Mon tableau de bord' },
    { href: sample('badges'), label: 'Mon espace' },
  ];
  return (
    <Layout context={context} title="Composants">
      <Breadcrumb trail={[{ href: paths.home, label: 'Accueil' }]} current="Composants" />
      <h1>Composants de l’espace citoyens</h1>
      <p class="lead">
        Chaque composant du portail, dans chacun de ses états, aux couleurs de la commune. Page de démonstration : elle
        n’existe qu’en mode démo.
      </p>

      <h2 id="typographie">Échelle typographique</h2>
      <ul class="plain">
        {typeScale.map(([token, use]) => (
          <li key={token} class={`demo${token}`}>
            {use} <code>{token}</code>
          </li>
        ))}
      </ul>

      <h2 id="espacements">Espacements</h2>
      <ul class="plain demo-spaces">
        {spaces.map((token) => (
          <li key={token}>
            <span class={`demo-bar demo${token}`}></span>
            <code>{token}</code>
          </li>
        ))}
      </ul>

      <h2 id="couleurs">Couleurs de la commune</h2>
      <p class="demo-band">Bandeau : la couleur de la commune, avec le texte blanc ou noir qui la contraste le plus.</p>
      <p class="actions">
        <a class="button" href={sample('couleurs')}>
          Bouton principal
        </a>
        <a class="button button--secondary" href={sample('couleurs')}>
          Bouton secondaire
        </a>
        <button type="button" class="button button--danger">
          Bouton de suppression
        </button>
        <a href={sample('couleurs')}>Lien</a>
      </p>

      <h2 id="menu">Menu de l’en-tête</h2>
      <p>
        Sur un téléphone, les liens se replient sous le bouton « Menu », qui fonctionne sans JavaScript ; sur un écran
        plus large, ils sont dépliés dans le bandeau.
      </p>
      <h3>Replié</h3>
      <div class="site-header demo-state">
        <SiteMenu label="Exemple de menu replié" links={menuLinks} current={sample('menu')} folding />
      </div>
      <h3>Déplié</h3>
      <div class="site-header demo-state">
        <SiteMenu label="Exemple de menu déplié" links={menuLinks} folding open />
      </div>

      <h2 id="fil-d-ariane">Fil d’Ariane</h2>
      <p>Celui de cette page, en haut, à un niveau ; à deux niveaux :</p>
      <Breadcrumb
        label="Exemple de fil d’Ariane à deux niveaux"
        trail={[
          { href: sample('typographie'), label: 'Mon tableau de bord' },
          { href: sample('fil-d-ariane'), label: 'Dernières demandes' },
        ]}
        current="Inscription à un service"
      />

      <h2 id="onglets">Onglets</h2>
      <p>Chaque onglet est une page ; l’onglet courant est annoncé comme tel.</p>
      {['Profil', 'Entourage'].map((current) => (
        <div key={current} class="demo-state">
          <h3>{current} choisi</h3>
          <Tabs
            label={`Exemple d’onglets, ${current} choisi`}
            tabs={['Profil', 'Identifiants', 'Entourage', 'Clé Enfance'].map((label) => ({
              href: `${sample('onglets')}-${current}-${label}`.replace(/ /g, '-').toLowerCase(),
              label,
              current: label === current,
            }))}
          />
        </div>
      ))}

      <h2 id="badges">Badges de statut</h2>
      <p>Le mot dit le statut ; l’icône et la teinte ne font que le répéter.</p>
      <ul class="plain">
        {BADGE_TONES.map((tone) => (
          <li key={tone} class="demo-state">
            <strong>{toneNames[tone]} :</strong>{' '}
            {toneWords[tone].map((word) => (
              <Fragment key={word}>
                <Badge tone={tone}>{word}</Badge>{' '}
              </Fragment>
            ))}
          </li>
        ))}
      </ul>

      <h2 id="cartes">Cartes</h2>
      <CardGrid>
        <Card id="carte-simple" level={3} icon="document" title="Carte simple">
          <p>Un titre, une icône et du texte ; ses liens sont les siens.</p>
          <p>
            <a href={sample('cartes')}>Un lien dans la carte</a>
          </p>
        </Card>
        <Card id="carte-lien" level={3} icon="calendar" title="Carte qui mène à une page" href={sample('cartes')}>
          <p>Toute la carte est la cible de son titre, qui est son seul lien.</p>
        </Card>
        <Card id="carte-statut" level={3} icon="list" title="Carte avec un statut">
          <p>
            Inscription à la cantine <Badge tone="success">Acceptée</Badge>
          </p>
        </Card>
        <Card id="carte-large" level={3} icon="info" title="Carte large" class="card--wide">
          <p>Elle prend toute la largeur de la grille, pour une liste qui en a besoin.</p>
        </Card>
      </CardGrid>

      <h2 id="icones">Icônes</h2>
      <p>Toujours à côté d’un texte qui dit la même chose ; cachées aux lecteurs d’écran.</p>
      <ul class="plain card-grid">
        {ICON_NAMES.map((name) => (
          <li key={name} class="with-icon">
            <Icon name={name} />
            <code>{name}</code>
          </li>
        ))}
      </ul>

      <h2 id="messages">Messages</h2>
      <p class="notice">Information : votre demande a été transmise au guichet unique.</p>
      <p class="notice notice--success">Réussite : vos réservations sont enregistrées.</p>
      <p class="notice notice--error">Erreur : le fichier n’a pas pu être lu.</p>
    </Layout>
  );
}
