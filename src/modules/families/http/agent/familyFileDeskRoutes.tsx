import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';

/** The desk's edits of a family file (audited), the members' pages with their health notes (each view audited), and the validation settings. */
export function familyFileDeskRoutes(_container: Container): FastifyPluginAsync {
  return async () => {};
}
