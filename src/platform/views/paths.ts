import type { Commune } from '../../modules/communes/domain/commune.js';

/** The addresses of a commune's pages, in one place so that links and routes agree. */
export function communePaths(commune: Pick<Commune, 'slug' | 'version'>) {
  const base = `/${commune.slug}`;
  return {
    home: base,
    legalNotice: `${base}/mentions-legales`,
    terms: `${base}/conditions-generales-d-utilisation`,
    accessibility: `${base}/accessibilite`,
    contacts: `${base}/contacts`,
    guide: `${base}/mode-d-emploi`,
    guidePdf: `${base}/mode-d-emploi.pdf`,
    logo: `${base}/logo/${commune.version}`,
    login: `${base}/connexion`,
    forgottenPassword: `${base}/mot-de-passe-oublie`,
    signUp: `${base}/creer-mon-espace`,
  };
}
