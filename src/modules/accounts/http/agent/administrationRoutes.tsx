import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accountFieldErrors } from '../accountMessages.js';
import { notFound } from '../../../../platform/http/refusals.js';
import type { AgentsService } from '../../agentsService.js';
import type { AuditLog } from '../../../audit/auditLog.js';
import type { Clock } from '../../../../platform/clock.js';
import { formValues, parseForm, withoutSecrets } from '../../../../platform/http/forms.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { queryOf } from '../../../../platform/http/query.js';
import { emptyForm } from '../../../../platform/views/components/forms.js';
import type { ManageOutcome } from '../../agentsService.js';
import { inviteForm, roleForm } from './agentForms.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { type AgentAccess, agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { journalFilters } from './journalQuery.js';
import { type AgentsNotice, AgentsPage, isAgentsNotice } from './views/AgentsPage.js';
import { JournalPage } from './views/JournalPage.js';
import { journalNames } from './journalNames.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { ServiceCatalogue } from '../../../services/serviceCatalogue.js';

const access = (agentAccess: AgentAccess) => ({ config: { agentAccess } });

type AgentParams = { agentId: string };

/** The administrators' pages: the commune's agents and the audit log. Others get 404 (agentAccess). */
export function administrationRoutes({
  agents,
  audit,
  clock,
  familyFile,
  catalogue,
}: {
  agents: AgentsService;
  audit: AuditLog;
  clock: Clock;
  familyFile: FamilyFileService;
  catalogue: ServiceCatalogue;
}): FastifyPluginAsync {
  const listPage = async (
    request: FastifyRequest,
    form = emptyForm,
    notice: AgentsNotice | null = null,
    status = 200,
  ) => {
    const list = await agents.list(communeOf(request), agentOf(request));
    return {
      status,
      view: (context: Parameters<typeof AgentsPage>[0]['context']) =>
        AgentsPage({ context, agents: list, me: agentOf(request), form, notice }),
    };
  };

  return async (app) => {
    app.get('/agents', access('agents'), async (request, reply) => {
      const fait = queryOf(request).fait ?? '';
      const page = await listPage(request, emptyForm, isAgentsNotice(fait) ? fait : null);
      return reply.page(page.view, page.status);
    });

    app.post('/agents', access('agents'), async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(inviteForm, request.body);
      const outcome = parsed.ok ? await agents.invite(commune, agentOf(request), parsed.data, request.ip) : null;
      if (outcome?.ok) return reply.redirect(`${agentPaths(commune).agents}?fait=invited`, 303);
      const form = parsed.ok
        ? {
            values: withoutSecrets(formValues(request.body)),
            errors: outcome && !outcome.ok ? accountFieldErrors(outcome, { now: clock.now() }) : {},
          }
        : parsed;
      const page = await listPage(request, form, null, 400);
      return reply.page(page.view, page.status);
    });

    /** An act on one agent; the list then says what came of it. Another commune's agent is not found. */
    const act = (
      path: string,
      done: AgentsNotice,
      run: (request: FastifyRequest<{ Params: AgentParams }>) => Promise<ManageOutcome>,
    ) =>
      app.post<{ Params: AgentParams }>(
        `/agents/:agentId/${path}`,
        { ...idParams('agentId'), ...access('agents') },
        async (request, reply) => {
          const outcome = await run(request);
          if (outcome === 'not-found') return notFound(reply);
          const notice: AgentsNotice = outcome === 'done' ? done : outcome;
          return reply.redirect(`${agentPaths(communeOf(request)).agents}?fait=${notice}`, 303);
        },
      );

    act('role', 'role-changed', async (request) => {
      const parsed = parseForm(roleForm, request.body);
      if (!parsed.ok) return 'unchanged';
      return agents.changeRole(
        communeOf(request),
        agentOf(request),
        request.params.agentId,
        parsed.data.role,
        request.ip,
      );
    });
    act('desactiver', 'disabled', (request) =>
      agents.disable(communeOf(request), agentOf(request), request.params.agentId, request.ip),
    );
    act('reactiver', 'enabled', (request) =>
      agents.enable(communeOf(request), agentOf(request), request.params.agentId, request.ip),
    );
    act('invitation', 'reinvited', (request) =>
      agents.reinvite(communeOf(request), agentOf(request), request.params.agentId, request.ip),
    );

    app.get('/journal', access('audit'), async (request, reply) => {
      const filters = journalFilters(queryOf(request));
      const hasErrors = Object.keys(filters.errors).length > 0;
      const commune = communeOf(request);
      const events = hasErrors ? [] : await audit.search(commune.id, filters.query);
      // Names, not ids: read through the services when the page is shown.
      const names = await journalNames({ agents, familyFile, catalogue }, commune, agentOf(request), events);
      return reply.page((context) => JournalPage({ context, filters, events, names }), hasErrors ? 400 : 200);
    });
  };
}
