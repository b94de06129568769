import type { Commune } from '../../../communes/domain/commune.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';

/** The addresses of the démarches' set-up: the list, each démarche, its publication and its questions. */
export function demarchesSettingsPaths(commune: Pick<Commune, 'slug'>) {
  const paths = agentPaths(commune);
  const demarche = paths.demarcheSettings;
  return {
    list: paths.demarchesSettings,
    demarche,
    publication: (id: string) => `${demarche(id)}/publication`,
    fields: (id: string) => `${demarche(id)}/questions`,
    field: (id: string, fieldId: string) => `${demarche(id)}/questions/${fieldId}`,
    removeField: (id: string, fieldId: string) => `${demarche(id)}/questions/${fieldId}/retirer`,
    moveFieldUp: (id: string, fieldId: string) => `${demarche(id)}/questions/${fieldId}/monter`,
  };
}
