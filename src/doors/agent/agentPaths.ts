import type { Commune } from '../../modules/communes/domain/commune.js';

/** The addresses of the guichet unique's back office, in one place so that links and routes agree. */
export function agentPaths(commune: Pick<Commune, 'slug'>) {
  const base = `/${commune.slug}/guichet`;
  return {
    home: base,
    login: `${base}/connexion`,
    secondFactor: `${base}/double-authentification`,
    recoveryCode: `${base}/double-authentification/secours`,
    enrolment: `${base}/double-authentification/activer`,
    invitation: `${base}/invitation`,
    logout: `${base}/deconnexion`,
    extendSession: `${base}/prolonger-session`,
    families: `${base}/familles`,
    family: (familyId: string) => `${base}/familles/${familyId}`,
    childKey: (familyId: string, adultId: string) => `${base}/familles/${familyId}/adultes/${adultId}/cle`,
    revokeChildKey: (familyId: string, adultId: string) =>
      `${base}/familles/${familyId}/adultes/${adultId}/cle/revoquer`,
    familyMember: (familyId: string, memberId: string) => `${base}/familles/${familyId}/membres/${memberId}`,
    familyMemberHealth: (familyId: string, memberId: string) =>
      `${base}/familles/${familyId}/membres/${memberId}/sante`,
    requests: `${base}/demandes`,
    request: (id: string) => `${base}/demandes/${id}`,
    fieldPolicies: `${base}/parametres/dossier-famille`,
    agents: `${base}/agents`,
    agentRole: (agentId: string) => `${base}/agents/${agentId}/role`,
    disableAgent: (agentId: string) => `${base}/agents/${agentId}/desactiver`,
    enableAgent: (agentId: string) => `${base}/agents/${agentId}/reactiver`,
    reinviteAgent: (agentId: string) => `${base}/agents/${agentId}/invitation`,
    journal: `${base}/journal`,
    mailFailures: `${base}/courriels-en-echec`,
    documents: `${base}/pieces`,
    document: (id: string) => `${base}/pieces/${id}`,
    documentFile: (id: string, fileId: string) => `${base}/pieces/${id}/fichiers/${fileId}`,
    validateDocument: (id: string) => `${base}/pieces/${id}/valider`,
    refuseDocument: (id: string) => `${base}/pieces/${id}/refuser`,
    resendMail: (mailId: string) => `${base}/courriels-en-echec/${mailId}/renvoyer`,
    schoolYears: `${base}/parametres/annees-scolaires`,
    calendar: `${base}/parametres/calendrier`,
    servicesSettings: `${base}/parametres/services`,
    serviceSettings: (serviceId: string) => `${base}/parametres/services/${serviceId}`,
    sessionsSettings: `${base}/parametres/sessions`,
    sessionSettings: (sessionId: string) => `${base}/parametres/sessions/${sessionId}`,
    demarchesSettings: `${base}/parametres/demarches`,
    demarcheSettings: (demarcheId: string) => `${base}/parametres/demarches/${demarcheId}`,
    dayLists: `${base}/listes`,
    attendance: `${base}/pointage`,
    sessions: `${base}/sessions`,
    session: (sessionId: string) => `${base}/sessions/${sessionId}`,
  };
}
