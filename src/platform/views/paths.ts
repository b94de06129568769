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
    signUpSent: `${base}/creer-mon-espace/envoye`,
    activation: `${base}/activation`,
    resendActivation: `${base}/activation/renvoyer`,
    resetPassword: `${base}/mot-de-passe-oublie/nouveau`,
    confirmEmail: `${base}/confirmer-e-mail`,
    logout: `${base}/deconnexion`,
    extendSession: `${base}/prolonger-session`,
    myHome: `${base}/mon-accueil`,
    news: (id: string) => `${base}/actualites/${id}`,
    mySpace: `${base}/mon-espace`,
    identifiers: `${base}/mon-espace/identifiants`,
    childKey: `${base}/mon-espace/cle-enfance`,
    myFamily: `${base}/ma-famille`,
    desk: `${base}/guichet`,
    demoMailbox: `${base}/boite-mail-demo`,
  };
}
