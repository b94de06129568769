import { describe, expect, it } from 'vitest';
import { pageContext, renderView } from '../../../test/renderView.js';
import { ErrorPage } from './ErrorPage.js';

describe('the error page', () => {
  it('tells a visitor in French that the page does not exist, with no reference to quote, and leads back to the commune’s home', () => {
    const page = renderView(<ErrorPage context={pageContext()} kind="not-found" requestId="req-1" />);
    expect(page.title).toBe('Page introuvable — Espace citoyens de Chanteloup-les-Vignes');
    expect(page.text).toContain("La page que vous cherchez n'existe pas ou n'existe plus.");
    expect(page.text).not.toContain("Référence de l'erreur");
    expect(page.html).toContain('<a href="/chanteloup">Retour à l\'accueil</a>');
    expect(page.html).toContain('<html lang="fr">');
  });

  it('gives the reference of an unexpected error, to quote to the town hall, and says nothing was half written', () => {
    const page = renderView(<ErrorPage context={pageContext()} kind="unexpected" requestId="req-42" />);
    expect(page.text).toContain('Une erreur est survenue');
    expect(page.text).toContain("Rien n'a été enregistré à moitié.");
    expect(page.text).toContain("Référence de l'erreur : req-42");
  });

  it('says how long to wait in minutes, and in whole hours beyond 90 minutes', () => {
    expect(renderView(<ErrorPage context={pageContext()} kind="too-many" waitMinutes={1} />).text).toContain(
      'Réessayez dans 1 minute.',
    );
    expect(renderView(<ErrorPage context={pageContext()} kind="too-many" waitMinutes={15} />).text).toContain(
      'Réessayez dans 15 minutes.',
    );
    expect(renderView(<ErrorPage context={pageContext()} kind="too-many-writes" waitMinutes={121} />).text).toContain(
      'Réessayez dans 3 heures.',
    );
  });

  it('leads to the deployment’s home on a page of no commune', () => {
    const page = renderView(<ErrorPage context={pageContext({ commune: undefined })} kind="unavailable" />);
    expect(page.title).toBe('Service momentanément indisponible — Parvis — Espaces citoyens');
    expect(page.html).toContain('<a href="/">Retour à l\'accueil</a>');
  });
});
