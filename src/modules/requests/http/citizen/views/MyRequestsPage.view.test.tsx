import { describe, expect, it } from 'vitest';
import { pageContext, renderView } from '../../../../../../test/renderView.js';
import type { Request } from '../../../requestsRepository.js';
import { MyRequestsPage } from './MyRequestsPage.js';

const created = new Date('2026-11-10T09:30:00+01:00');
const request: Request = {
  id: '2d1c0b9a-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  communeId: '0b7c4a52-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
  familyId: '8b4a5f6e-7d8c-49ba-8c1d-4e5f6a7b8c9d',
  memberId: null,
  type: 'family.change',
  status: 'deposee',
  payload: {},
  summary: 'Changement d’adresse',
  createdAt: created,
  updatedAt: created,
  createdByKind: 'citizen',
  createdById: null,
  createdByLabel: 'Aurélie Marchand',
  assignedAgentId: null,
  decidedAt: null,
  version: 0,
  lastFamilyMessageAt: null,
  agentsReadAt: null,
};

describe('« Dernières demandes »', () => {
  it('lists each request as a row that reflows on a phone, each cell naming its column, with no scroll box', () => {
    const { html, headers, text } = renderView(
      <MyRequestsPage context={pageContext()} requests={[request]} status={null} />,
    );
    expect(html).toContain('<table class="data reflow">');
    expect(html).not.toContain('table-wrap');
    expect(html).not.toContain('role="region"');
    expect(headers).toEqual([['Demande', 'Statut', 'Déposée le']]);
    expect(html).toMatch(/<td data-label="Demande"><a href="[^"]+">Changement d’adresse<\/a><\/td>/);
    expect(html).toContain('<td data-label="Statut">');
    expect(html).toContain('<td data-label="Déposée le">10/11/2026</td>');
    expect(text).toContain('1 demande.');
  });
});
