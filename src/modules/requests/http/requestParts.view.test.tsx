import { describe, expect, it } from 'vitest';
import { renderView } from '../../../../test/renderView.js';
import { DetailsTable } from './requestParts.js';

const details = [
  { label: 'Téléphone', before: '06 00 00 00 01', after: '06 00 00 00 02' },
  { label: 'Attestation CAF', after: 'attestation.pdf', documentId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a' },
];
const documentHref = (id: string) => `/pieces/${id}`;

describe('what a request asks', () => {
  it('reflows on the family’s side: each value says its column, the row its information, and no box scrolls', () => {
    const { html, headers } = renderView(
      <DetailsTable
        details={details}
        caption="Ce qui est demandé"
        before="Avant"
        after="Après"
        documentHref={documentHref}
        side="family"
      />,
    );
    expect(html).toContain('<table class="data reflow">');
    expect(html).not.toContain('table-wrap');
    expect(html).not.toContain('role="region"');
    expect(headers).toEqual([['Information', 'Avant', 'Après']]);
    expect(html).toContain('<th scope="row">Téléphone</th><td data-label="Avant">06 00 00 00 01</td>');
    expect(html).toContain('<td data-label="Après">06 00 00 00 02</td>');
    // A new document has no value before it: « — », labelled as the others.
    expect(html).toContain('<td data-label="Avant">—</td>');
    expect(html).toContain('<a href="/pieces/3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a">attestation.pdf</a>');
  });

  it('keeps its named box on the desk’s side, read on a wide screen', () => {
    const { html } = renderView(
      <DetailsTable
        details={details}
        caption="Valeurs lors de la demande et valeurs demandées"
        before="Valeur lors de la demande"
        after="Valeur demandée"
        documentHref={documentHref}
        side="desk"
      />,
    );
    expect(html).toContain(
      '<div class="table-wrap" role="region" aria-label="Valeurs lors de la demande et valeurs demandées" tabindex="0"><table class="data">',
    );
    expect(html).not.toContain('reflow');
  });

  it('labels the only value « Valeur » when nothing is replaced', () => {
    const { html, headers } = renderView(
      <DetailsTable
        details={[{ label: 'Service', after: 'Accueil du soir' }]}
        caption="Ce qui est demandé"
        before="Avant"
        after="Après"
        side="family"
      />,
    );
    expect(headers).toEqual([['Information', 'Valeur']]);
    expect(html).toContain('<td data-label="Valeur">Accueil du soir</td>');
  });
});
