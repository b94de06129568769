import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { pageContext, renderView } from '../../../../test/renderView.js';
import { textOf } from '../../../../test/html.js';
import { Layout } from '../Layout.js';
import { Badge } from './Badge.js';
import { Breadcrumb } from './Breadcrumb.js';
import { Card } from './Card.js';
import { Icon } from './Icon.js';
import { SiteMenu, sectionOf } from './SiteMenu.js';
import { Tabs } from './Tabs.js';

const html = (node: preact.VNode) => renderToString(node);

describe('the design system’s components', () => {
  it('draws an icon hidden from screen readers and out of the tab order', () => {
    const svg = html(<Icon name="calendar" />);
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).toContain('focusable="false"');
    expect(textOf(svg)).toBe('');
  });

  it('says a status in words: the badge’s text is the status, its tone only repeats it', () => {
    const badge = html(<Badge tone="success">Acceptée</Badge>);
    expect(textOf(badge)).toBe('Acceptée');
    expect(badge).toContain('badge--success');
    expect(badge).toContain('aria-hidden="true"');
  });

  it('marks the current tab with aria-current and no other', () => {
    const tabs = html(
      <Tabs
        label="Rubriques de Mon espace"
        tabs={[
          { href: '/a', label: 'Profil', current: false },
          { href: '/b', label: 'Identifiants', current: true },
        ]}
      />,
    );
    expect(tabs).toContain('<nav aria-label="Rubriques de Mon espace" class="tabs">');
    expect(tabs).toContain('<a href="/b" aria-current="page">Identifiants</a>');
    expect(tabs).toContain('<a href="/a">Profil</a>');
  });

  it('marks the header link of the page shown, and the link of the section a deeper page is in', () => {
    const links = [
      { href: '/c/guichet', label: 'Accueil du guichet' },
      { href: '/c/guichet/familles', label: 'Familles' },
      { href: '/c/guichet/facturation', label: 'Facturation' },
    ];
    // The door's home is the start of every path: the longest link the path is under wins.
    expect(sectionOf(links, '/c/guichet/familles/42/paiements')).toBe('/c/guichet/familles');
    expect(sectionOf(links, '/c/guichet/pointage')).toBe('/c/guichet');
    expect(sectionOf(links, '/c/guichet/famillesX')).toBe('/c/guichet');
    expect(sectionOf(links, '/autre')).toBeUndefined();
    const onPage = html(<SiteMenu label="Menu principal" links={links} path="/c/guichet/familles" />);
    expect(onPage).toContain('<a href="/c/guichet/familles" aria-current="page">Familles</a>');
    expect(onPage).toContain('<a href="/c/guichet">Accueil du guichet</a>');
    const below = html(<SiteMenu label="Menu principal" links={links} path="/c/guichet/familles/42" />);
    expect(below).toContain('<a href="/c/guichet/familles" aria-current="true">Familles</a>');
    expect(below.match(/aria-current/g)).toHaveLength(1);
  });

  it('names the breadcrumb « Fil d’Ariane », links each step above and marks the page itself as current', () => {
    const crumbs = html(<Breadcrumb trail={[{ href: '/tdb', label: 'Mon tableau de bord' }]} current="Mes factures" />);
    expect(crumbs).toContain(`<nav aria-label="Fil d'Ariane" class="breadcrumb">`);
    expect(crumbs).toContain('<a href="/tdb">Mon tableau de bord</a>');
    expect(crumbs).toContain('<span aria-current="page">Mes factures</span>');
  });

  it('makes a card that leads somewhere one link, named by its heading, and names the card’s region by it', () => {
    const card = html(
      <Card id="carte" title="Modifier les réservations" icon="calendar" href="/reservations" level={3}>
        <p>Mois par mois.</p>
      </Card>,
    );
    expect(card).toContain('aria-labelledby="carte"');
    expect(card).toMatch(
      /<h3 id="carte" class="card__title"><svg[^]*<\/svg><a href="\/reservations">Modifier les réservations<\/a><\/h3>/,
    );
    expect(card.match(/<a /g)).toHaveLength(1);
  });

  it('folds the menu’s links under a « Menu » summary, a disclosure that works without script', () => {
    const menu = html(<SiteMenu label="Menu principal" links={[{ href: '/f', label: 'Ma famille' }]} current="/f" />);
    expect(menu).toMatch(
      /<nav aria-label="Menu principal" class="site-menu"><details class="site-menu__fold"><summary/,
    );
    expect(textOf(menu)).toContain('Menu');
    expect(menu).toContain('<a href="/f" aria-current="page">Ma famille</a>');
  });

  it('puts the door’s links in the header’s menu and keeps « Déconnexion » outside the fold', () => {
    const page = renderView(
      <Layout
        context={pageContext({
          viewer: {
            name: 'Madame DUPONT',
            navigation: [{ href: '/chanteloup/ma-famille', label: 'Ma famille' }],
            logoutAction: '/chanteloup/deconnexion',
            extendAction: '/chanteloup/prolonger-session',
            idleMinutes: 30,
          },
        })}
        title="Ma famille"
      >
        <h1>Ma famille</h1>
      </Layout>,
    );
    const details = page.html.slice(page.html.indexOf('<details'), page.html.indexOf('</details>'));
    expect(details).toContain('<a href="/chanteloup/ma-famille">Ma famille</a>');
    expect(details).not.toContain('Déconnexion');
    expect(page.html).toMatch(/<\/nav><form method="post" action="\/chanteloup\/deconnexion" class="viewer__logout">/);
  });
});
