import type { Commune } from '../../modules/communes/domain/commune.js';
import { keptAnswers } from '../../shared/keptAnswers.js';

export type CommunePaths = ReturnType<typeof pathsOf>;

/**
 * The addresses made once per commune and logo version: a page asks for them in each of its parts
 * (header, navigation, footer, every link), some fifty strings each time. The slugs asked are those
 * of communes the door resolved; a slug holds no « / », so the key splits back into both.
 */
const keptPaths = keptAnswers((key: string) => {
  const at = key.indexOf('/');
  return Object.freeze(pathsOf({ slug: key.slice(0, at), version: key.slice(at + 1) }));
}, 1000);

/** The addresses of a commune's pages, in one place so that links and routes agree. */
export function communePaths(commune: Pick<Commune, 'slug' | 'version'>): CommunePaths {
  return keptPaths(`${commune.slug}/${commune.version}`);
}

function pathsOf(commune: Pick<Commune, 'slug' | 'version'>) {
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
    profileEdit: `${base}/mon-espace/profil`,
    profileFromFile: `${base}/mon-espace/profil/adresse-du-dossier`,
    profilePhonesFromFile: `${base}/mon-espace/profil/telephones-du-dossier`,
    identifiers: `${base}/mon-espace/identifiants`,
    childKey: `${base}/mon-espace/cle-enfance`,
    entourage: `${base}/mon-espace/entourage`,
    inviteCoRepresentative: `${base}/mon-espace/entourage/invitation`,
    dashboard: `${base}/mon-tableau-de-bord`,
    contactDetails: `${base}/mon-tableau-de-bord/coordonnees`,
    requests: `${base}/mon-tableau-de-bord/demandes`,
    documents: `${base}/mon-tableau-de-bord/pieces-justificatives`,
    document: (id: string) => `${base}/mon-tableau-de-bord/pieces-justificatives/${id}`,
    documentFile: (id: string, fileId: string) =>
      `${base}/mon-tableau-de-bord/pieces-justificatives/${id}/fichiers/${fileId}`,
    sendDocument: (typeId: string, memberId: string | null) =>
      `${base}/mon-tableau-de-bord/pieces-justificatives/types/${typeId}${memberId ? `/enfants/${memberId}` : ''}/envoyer`,
    request: (id: string) => `${base}/mon-tableau-de-bord/demandes/${id}`,
    myFamily: `${base}/ma-famille`,
    member: (id: string) => `${base}/ma-famille/membres/${id}`,
    newMember: `${base}/ma-famille/nouveau-membre`,
    familyHistory: `${base}/ma-famille/historique`,
    myData: `${base}/ma-famille/mes-donnees`,
    myDataJson: `${base}/ma-famille/mes-donnees.json`,
    newInscription: `${base}/ma-famille/inscriptions/nouvelle`,
    newAbsence: `${base}/ma-famille/absences/nouvelle`,
    reservations: `${base}/ma-famille/reservations`,
    memberReservations: (memberId: string, month?: string) =>
      `${base}/ma-famille/membres/${memberId}/reservations${month ? `?mois=${month}` : ''}`,
    weekPattern: (memberId: string) => `${base}/ma-famille/membres/${memberId}/reservations/semaine-type`,
    reservationsSummary: (memberId: string) => `${base}/ma-famille/membres/${memberId}/reservations/recapitulatif`,
    confirmReservations: (memberId: string) => `${base}/ma-famille/membres/${memberId}/reservations/confirmer`,
    editReservations: (memberId: string) => `${base}/ma-famille/membres/${memberId}/reservations/modifier`,
    myInvoices: `${base}/ma-famille/factures`,
    holidayActivities: `${base}/ma-famille/activites-vacances`,
    demarches: `${base}/ma-famille/demarches`,
    demarche: (id: string) => `${base}/ma-famille/demarches/${id}`,
    bookSession: (sessionId: string) => `${base}/ma-famille/activites-vacances/${sessionId}/reserver`,
    cancelSession: (sessionId: string) => `${base}/ma-famille/activites-vacances/${sessionId}/annuler`,
    agenda: (memberId: string) => `${base}/ma-famille/membres/${memberId}/agenda`,
    agendaFeed: (memberId: string) => `${base}/ma-famille/membres/${memberId}/agenda/abonnement`,
    calendarFeed: (token: string) => `${base}/agenda/${token}.ics`,
    desk: `${base}/guichet`,
    demoMailbox: `${base}/boite-mail-demo`,
    componentsDemo: `${base}/demo/composants`,
  };
}
