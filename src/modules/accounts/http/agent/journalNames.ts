import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { personName } from '../../../../doors/agent/views/deskParts.js';
import type { AuditEvent } from '../../../audit/auditLog.js';
import type { Commune } from '../../../communes/domain/commune.js';
import type { FamilyFileService, NamedInFile } from '../../../families/familyFileService.js';
import type { ServiceCatalogue } from '../../../services/serviceCatalogue.js';
import type { Agent } from '../../agentsRepository.js';
import type { AgentsService } from '../../agentsService.js';

/** What the journal shows of an event's subject: words, and the page it is about when there is one. */
export interface SubjectText {
  text: string;
  href: string | null;
}

/** The journal's words for the people, families and services an event's ids point at. */
export interface JournalNames {
  actor(event: AuditEvent): string | null;
  subject(event: AuditEvent): SubjectText | null;
  details(event: AuditEvent): string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a subject is, when no name is found for it (or it has none to give). */
const kindWords: Record<string, string> = {
  absence: 'Absence',
  'activity-session': 'Session',
  agent: 'Agent',
  'calendar-period': 'Période du calendrier',
  demarche: 'Démarche',
  document: 'Pièce justificative',
  'document-type': 'Type de pièce',
  family: 'Famille',
  'family-adult': 'Responsable',
  invoice: 'Facture',
  mail: 'Courriel',
  member: 'Membre du foyer',
  payment: 'Paiement',
  request: 'Demande',
  'school-year': 'Année scolaire',
  service: 'Service',
  session: 'Session',
  'session-booking': 'Inscription à une session',
  'tariff-grid': 'Grille de tarifs',
};

/** The details' keys the journal words; another key reads as itself. */
const detailWords: Record<string, string> = {
  type: 'type',
  family: 'famille',
  service: 'service',
  to: 'vers',
  from: 'de',
  title: 'titre',
  session: 'session',
  member: 'enfant',
  adult: 'responsable',
  day: 'jour',
  count: 'enfants listés',
  flagged: 'avec PAI ou allergies',
  present: 'présents',
  absent: 'absents',
  role: 'rôle',
  status: 'statut',
  reason: 'motif',
  number: 'numéro',
  first: 'premier jour',
  last: 'dernier jour',
  files: 'fichiers',
  validUntil: 'valable jusqu’au',
  totalCents: 'total (centimes)',
  amountCents: 'montant (centimes)',
  accessReset: 'accès réinitialisé',
  locked: 'verrouillé',
  secondFactor: 'double authentification',
  fields: 'champs',
  source: 'origine',
};

function valueText(value: unknown): string {
  if (value === true) return 'oui';
  if (value === false) return 'non';
  return String(value);
}

/**
 * Reads, through the services, the names behind the ids of a page of events: agents, families, their members
 * and adults, services. Only names and references: nothing of a file's health notes, which no event holds.
 */
export async function journalNames(
  deps: { agents: AgentsService; familyFile: FamilyFileService; catalogue: ServiceCatalogue },
  commune: Commune,
  reader: Agent,
  events: AuditEvent[],
): Promise<JournalNames> {
  const paths = agentPaths(commune);
  const ids = new Set<string>();
  for (const event of events) {
    if (event.subjectId && UUID.test(event.subjectId)) ids.add(event.subjectId);
    if (event.actorId && UUID.test(event.actorId)) ids.add(event.actorId);
    for (const value of Object.values(event.details)) if (typeof value === 'string' && UUID.test(value)) ids.add(value);
  }
  const [agents, named, services] = await Promise.all([
    deps.agents.list(commune, reader),
    deps.familyFile.namesOf(commune.id, [...ids]),
    deps.catalogue.services(commune.id, { includeInactive: true }),
  ]);
  // The families of the people found, to say whose file each one is in.
  const families = await deps.familyFile.namesOf(
    commune.id,
    [...named.values()].filter((n) => n.kind !== 'family').map((n) => n.familyId),
  );
  const agentNames = new Map(agents.map((agent) => [agent.id, personName(agent)]));
  const serviceNames = new Map(services.map((service) => [service.id, service.name]));
  const referenceOf = (familyId: string) => named.get(familyId)?.reference ?? families.get(familyId)?.reference ?? null;
  const inFile = (found: NamedInFile): string => {
    const reference = referenceOf(found.familyId);
    if (found.kind === 'family') return `famille ${reference}`;
    const name = found.name ? personName(found.name) : '';
    return reference ? `${name} (famille ${reference})` : name;
  };
  const nameOf = (id: string): string | null => {
    const found = named.get(id);
    if (found) return inFile(found);
    return agentNames.get(id) ?? serviceNames.get(id) ?? null;
  };

  return {
    actor(event) {
      return event.actorKind === 'agent' && event.actorId ? (agentNames.get(event.actorId) ?? null) : null;
    },
    subject(event) {
      if (!event.subjectKind) return null;
      const kind = kindWords[event.subjectKind] ?? 'Autre';
      const id = event.subjectId ?? '';
      const found = named.get(id);
      if (found) {
        const text = inFile(found);
        return { text: text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1), href: paths.family(found.familyId) };
      }
      const name = agentNames.get(id) ?? serviceNames.get(id);
      if (name) return { text: `${kind} : ${name}`, href: null };
      const href =
        event.subjectKind === 'request' && UUID.test(id)
          ? paths.request(id)
          : event.subjectKind === 'document' && UUID.test(id)
            ? paths.document(id)
            : null;
      return { text: kind, href };
    },
    details(event) {
      return Object.entries(event.details)
        .flatMap(([key, value]) => {
          const label = detailWords[key] ?? key;
          if (typeof value === 'string' && UUID.test(value)) {
            // An id reads as the name behind it, or not at all: the journal shows no internal id.
            const name = nameOf(value);
            return name ? [`${label} : ${name}`] : [];
          }
          return [`${label} : ${valueText(value)}`];
        })
        .join(', ');
    },
  };
}
