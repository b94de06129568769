import type { ComponentChildren } from 'preact';
import { themeFor } from '../../modules/communes/domain/branding.js';
import { localYear } from '../../shared/dates.js';
import type { PageContext } from './PageContext.js';
import { SiteMenu } from './components/SiteMenu.js';
import { communePaths } from './paths.js';

interface LayoutProps {
  context: PageContext;
  /** The page's own title; the commune's name and the portal's follow it in the tab. */
  title: string;
  children: ComponentChildren;
}

/**
 * The page shell of every screen: skip link, header with the commune's name and logo, main, footer.
 * Landmarks and the skip link are RGAA 12.1 and 12.7; `lang="fr"` is 8.3.
 */
export function Layout({ context, title, children }: LayoutProps) {
  const { commune, nonce, assets } = context;
  const theme = themeFor(commune?.brandColor ?? '');
  const site = commune ? `Espace citoyens de ${commune.name}` : 'Parvis — Espaces citoyens';
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${site}`}</title>
        <link rel="stylesheet" href={assets.css} />
        <link rel="icon" href={assets.favicon} type="image/svg+xml" />
        <style nonce={nonce}>
          {`:root{--band:${theme.band};--on-band:${theme.onBand};--accent:${theme.accent};--on-accent:${theme.onAccent}}`}
        </style>
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            {commune ? (
              <a class="brand" href={communePaths(commune).home}>
                {commune.logoMediaType ? (
                  <img class="brand__logo" src={communePaths(commune).logo} alt="" width={48} height={48} />
                ) : null}
                <span class="brand__text">
                  <span class="brand__name">{commune.name}</span>
                  <span class="brand__tagline">Espace citoyens</span>
                </span>
              </a>
            ) : (
              <a class="brand" href="/">
                <span class="brand__text">
                  <span class="brand__name">Parvis</span>
                  <span class="brand__tagline">Espaces citoyens des communes</span>
                </span>
              </a>
            )}
            {context.viewer ? <ViewerNavigation context={context} /> : null}
          </div>
        </header>
        <main id="contenu" tabIndex={-1} class="wrap">
          {children}
          {context.viewer ? <SessionTimeout context={context} /> : null}
        </main>
        <Footer context={context} />
      </body>
    </html>
  );
}

/**
 * The idle timeout told in words, and, with JavaScript, a warning two minutes before it with a
 * button that extends the session (WCAG 2.2.1). The button is a form: it works as a plain POST too.
 */
function SessionTimeout({ context }: { context: PageContext }) {
  const viewer = context.viewer!;
  return (
    <div class="session-note" data-session-extend data-idle-minutes={viewer.idleMinutes}>
      <p>
        Pour votre sécurité, vous êtes déconnecté après {viewer.idleMinutes} minutes sans activité. Pensez à enregistrer
        vos saisies.
      </p>
      <div id="session-warning" role="alertdialog" aria-labelledby="session-warning-text" hidden class="notice">
        <p id="session-warning-text">Votre session va prendre fin dans 2 minutes faute d'activité.</p>
        <form method="post" action={viewer.extendAction}>
          <input type="hidden" name="_csrf" value={context.csrfToken()} />
          <button type="submit" class="button">
            Rester connecté
          </button>
        </form>
      </div>
      <p id="session-status" role="status" class="session-status"></p>
      <script src={context.assets.sessionScript} defer nonce={context.nonce}></script>
    </div>
  );
}

/**
 * The logged-in door's navigation, folded under « Menu » on a phone, and the « Déconnexion » button
 * (a form: no GET changes anything), always in sight beside it.
 */
function ViewerNavigation({ context }: { context: PageContext }) {
  const viewer = context.viewer!;
  return (
    <div class={`viewer viewer--${viewer.navigation.length > 6 ? 'wide' : 'short'}`}>
      <p class="viewer__name">{viewer.name}</p>
      <SiteMenu label="Menu principal" links={viewer.navigation} path={context.path} />
      <form method="post" action={viewer.logoutAction} class="viewer__logout">
        <input type="hidden" name="_csrf" value={context.csrfToken()} />
        <button type="submit" class="button button--link">
          Déconnexion
        </button>
      </form>
    </div>
  );
}

function Footer({ context }: { context: PageContext }) {
  const { commune, now } = context;
  if (!commune) {
    return (
      <footer class="site-footer">
        <div class="wrap">
          <p>Parvis, l'espace citoyens libre des communes.</p>
          <nav aria-label="Pied de page">
            <ul class="footer-links">
              <li>
                <a href="/mentions-legales">Mentions légales</a>
              </li>
              <li>
                <a href="/accessibilite">Accessibilité : partiellement conforme</a>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    );
  }
  const paths = communePaths(commune);
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          © {localYear(now)} Commune de {commune.name}
        </p>
        <nav aria-label="Pied de page">
          <ul class="footer-links">
            <li>
              <a href={commune.mainSiteUrl}>Retour au site de la commune de {commune.name}</a>
            </li>
            <li>
              <a href={paths.legalNotice}>Mentions légales</a>
            </li>
            <li>
              <a href={paths.terms}>Conditions générales d'utilisation</a>
            </li>
            <li>
              <a href={paths.contacts}>Contacts</a>
            </li>
            <li>
              <a href={paths.accessibility}>Accessibilité : {commune.accessibilityStatus}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
