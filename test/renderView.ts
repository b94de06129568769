import type { VNode } from 'preact';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import type { CatalogueService } from '../src/modules/services/domain/catalogueService.js';
import type { PageContext } from '../src/platform/views/PageContext.js';
import { renderPage } from '../src/platform/views/render.js';
import { summaryOf, textOf } from './html.js';

/**
 * A page's view rendered from plain data, as the route would send it, with no database, app or
 * HTTP: the checks of what a page shows (its words, tables, links) run in milliseconds. What the
 * route does (who may see the page, what it reads and writes) stays in the integration tests.
 */

/** A commune as the views read it. */
export function viewCommune(overrides: Partial<Commune> = {}): Commune {
  return {
    id: '0b7c4a52-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
    slug: 'chanteloup',
    name: 'Chanteloup-les-Vignes',
    postcode: '78570',
    schoolZone: 'C',
    brandColor: '#1f5fa8',
    mainSiteUrl: 'https://www.chanteloup.example.org',
    presentation: ['Bienvenue sur l’espace citoyens.'],
    accessibilityStatus: 'partiellement conforme',
    desk: {
      name: 'Guichet unique',
      street: '1 place de la Mairie',
      postcode: '78570',
      city: 'Chanteloup-les-Vignes',
      phone: '01 39 74 20 20',
      email: 'guichet@chanteloup.example.org',
      hours: [],
    },
    logoMediaType: null,
    version: '1',
    ...overrides,
  };
}

/** What a page gets from the request around it; `now` is Tuesday 17 November 2026 at noon, Paris time. */
export function pageContext(overrides: Partial<PageContext> = {}): PageContext {
  return {
    nonce: 'nonce-of-the-view-test',
    assets: {
      css: '/assets/site.css',
      favicon: '/assets/favicon.svg',
      sessionScript: '/assets/session.js',
      reservationsScript: '/assets/reservations.js',
    },
    commune: viewCommune(),
    now: new Date('2026-11-17T12:00:00+01:00'),
    csrfToken: () => 'csrf-of-the-view-test',
    ...overrides,
  };
}

/** A service of the catalogue, by default the canteen as the standard catalogue sets it up. */
export function viewService(overrides: Partial<CatalogueService> = {}): CatalogueService {
  return {
    id: '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b',
    kind: 'restauration',
    name: 'Restauration scolaire',
    description: 'Le déjeuner des jours d’école.',
    opening: { openWeekdays: [1, 2, 4, 5], schoolPeriodsOnly: true },
    rule: {
      deadlineDaysBefore: 15,
      deadlineTime: '23:59',
      cutoffDaysBefore: 2,
      cutoffTime: '10:00',
      rentreeWindow: true,
    },
    majoration: { kind: 'percent', basisPoints: 5000 },
    illnessReportTime: '09:00',
    requiredDocuments: [],
    placesPerDay: null,
    units: [{ code: 'jour', label: 'Repas', priceCents: 355 }],
    active: true,
    ...overrides,
  };
}

export interface RenderedView {
  html: string;
  /** The text a reader gets: no tags, spaces collapsed. */
  text: string;
  /** The error summary's links, field name → message. */
  summary: Record<string, string>;
  /** The page's <title>. */
  title: string;
  /** Each table's header cells, in order. */
  headers: string[][];
}

export function renderView(page: VNode): RenderedView {
  const html = renderPage(page);
  const headers = [...html.matchAll(/<thead>([\s\S]*?)<\/thead>/g)].map((head) =>
    [...head[1]!.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((cell) => textOf(cell[1]!)),
  );
  return {
    html,
    text: textOf(html),
    summary: summaryOf(html),
    title: textOf(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? ''),
    headers,
  };
}
