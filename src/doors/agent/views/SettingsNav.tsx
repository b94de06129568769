import type { PageContext } from '../../../platform/views/PageContext.js';
import { agentPaths } from '../agentPaths.js';

export type SettingsSection =
  | 'schoolYears'
  | 'calendar'
  | 'services'
  | 'sessions'
  | 'fieldPolicies'
  | 'tariffs'
  | 'invoiceMentions'
  | 'onlinePayment'
  | 'documentTypes'
  | 'demarches';

/**
 * The set-up's pages, one after the other as a commune sets them up; the current one is marked for
 * screen readers too. Several modules own these pages, so the door holds their one menu.
 */
export function SettingsNav({ context, current }: { context: PageContext; current: SettingsSection }) {
  const paths = agentPaths(context.commune!);
  const links: { section: SettingsSection; href: string; label: string }[] = [
    { section: 'schoolYears', href: paths.schoolYears, label: 'Années scolaires' },
    { section: 'calendar', href: paths.calendar, label: 'Calendrier' },
    { section: 'services', href: paths.servicesSettings, label: 'Services' },
    { section: 'sessions', href: paths.sessionsSettings, label: 'Activités vacances' },
    { section: 'fieldPolicies', href: paths.fieldPolicies, label: 'Dossier famille' },
    { section: 'tariffs', href: paths.tariffs, label: 'Tarifs' },
    { section: 'invoiceMentions', href: paths.invoiceMentions, label: 'Mentions des factures' },
    { section: 'onlinePayment', href: paths.onlinePaymentSettings, label: 'Paiement en ligne' },
    { section: 'documentTypes', href: paths.documentTypes, label: 'Pièces justificatives' },
    { section: 'demarches', href: paths.demarchesSettings, label: 'Autres démarches' },
  ];
  return (
    <nav aria-label="Paramètres de la commune" class="no-print">
      <ul class="pager">
        {links.map((link) => (
          <li key={link.section}>
            <a href={link.href} aria-current={link.section === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
