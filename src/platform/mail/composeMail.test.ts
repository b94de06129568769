import { describe, expect, it } from 'vitest';
import { composeMail } from './composeMail.js';

describe('composeMail', () => {
  const parts = {
    greeting: 'Bonjour Camille <script>alert(1)</script>,',
    paragraphs: ['Votre demande « A & B » est reçue.', 'Première ligne\nseconde ligne'],
    action: { label: 'Voir "ma" demande', url: 'https://parvis.example.org/c/demande?a=1&b=2' },
    signature: 'La mairie\nService enfance',
  };

  it('escapes every piece of text in the HTML part', () => {
    const { html } = composeMail(parts);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Bonjour Camille &#60;script&#62;alert(1)&#60;/script&#62;,');
    expect(html).toContain('« A &#38; B »');
    expect(html).toContain('<a href="https://parvis.example.org/c/demande?a=1&#38;b=2"');
    expect(html).toContain('Voir &#34;ma&#34; demande</a>');
  });

  it('is a French document whose link is also printed in clear, lines kept', () => {
    const { html } = composeMail(parts);
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain(
      'copiez cette adresse dans votre navigateur :<br>https://parvis.example.org/c/demande?a=1&#38;b=2</p>',
    );
    expect(html).toContain('<p>Première ligne<br>seconde ligne</p>');
    expect(html).toContain('<p>La mairie<br>Service enfance</p>');
  });

  it('says the same in the text part', () => {
    expect(composeMail(parts).text).toBe(
      [
        'Bonjour Camille <script>alert(1)</script>,',
        'Votre demande « A & B » est reçue.',
        'Première ligne\nseconde ligne',
        'Voir "ma" demande :\nhttps://parvis.example.org/c/demande?a=1&b=2',
        'La mairie\nService enfance',
      ].join('\n\n'),
    );
  });

  it('does without an action', () => {
    const { text, html } = composeMail({ greeting: 'Bonjour,', paragraphs: ['Un mot.'], signature: 'La mairie' });
    expect(text).toBe('Bonjour,\n\nUn mot.\n\nLa mairie');
    expect(html).not.toContain('<a ');
  });

  it('refuses a link that is not a web address', () => {
    expect(() => composeMail({ ...parts, action: { label: 'Piège', url: 'javascript:alert(1)' } })).toThrow(/http/);
  });
});
