import { describe, expect, it } from 'vitest';
import { queueQuery } from './agent/queueQuery.js';
import { decisionForm, familyMessageForm, parseMultiline, seenVersion } from './requestForms.js';

const agentId = '3f0e9c1a-5b7d-4c2e-9a1b-2c3d4e5f6a7b';

describe('the requests’ forms', () => {
  it('keeps a message’s line breaks as \\n, trims it, and refuses it empty, too long or with an invisible character', () => {
    expect(parseMultiline(familyMessageForm, { _csrf: 'x', message: '  Bonjour,\r\n\r\nmerci.\r ' })).toEqual({
      ok: true,
      // No file sent: the piece they would be is empty.
      data: { message: 'Bonjour,\n\nmerci.', piece: '' },
    });
    expect(parseMultiline(familyMessageForm, { message: ' \n ' })).toMatchObject({
      ok: false,
      errors: { message: 'Écrivez votre message au guichet unique.' },
    });
    expect(parseMultiline(familyMessageForm, {})).toMatchObject({
      ok: false,
      errors: { message: 'Écrivez votre message au guichet unique.' },
    });
    expect(parseMultiline(familyMessageForm, { message: 'é'.repeat(2000) }).ok).toBe(true);
    expect(parseMultiline(familyMessageForm, { message: 'é'.repeat(2001) })).toMatchObject({
      ok: false,
      values: { message: 'é'.repeat(2001) },
    });
    expect(parseMultiline(familyMessageForm, { message: 'a\u0000b' })).toMatchObject({
      ok: false,
      errors: { message: expect.stringContaining('caractère invisible') },
    });
    expect(parseMultiline(familyMessageForm, { message: 'a\u001b[2Jb' }).ok).toBe(false);
  });

  it('asks an explanation for a refusal and a request for more, not for an acceptance', () => {
    expect(parseMultiline(decisionForm, { decision: 'accepter' })).toEqual({
      ok: true,
      data: { decision: 'accepter', explanation: '' },
    });
    expect(parseMultiline(decisionForm, { decision: 'refuser', explanation: '' })).toMatchObject({
      ok: false,
      errors: { explanation: 'Expliquez à la famille pourquoi la demande est refusée.' },
    });
    expect(parseMultiline(decisionForm, { decision: 'a-completer', explanation: '\n' })).toMatchObject({
      ok: false,
      errors: { explanation: 'Dites à la famille ce qu’elle doit compléter.' },
    });
    expect(parseMultiline(decisionForm, { decision: 'a-completer', explanation: 'Le justificatif, svp.' }).ok).toBe(
      true,
    );
    expect(parseMultiline(decisionForm, { decision: 'supprimer' })).toMatchObject({
      ok: false,
      errors: { decision: expect.stringContaining('Choisissez une décision') },
    });
  });

  it('reads the version a page showed; anything else matches no version', () => {
    expect(seenVersion({ version: '3' })).toBe(3);
    for (const version of ['', '-1', '1.5', '3abc', '99999999999', undefined])
      expect(seenVersion({ version })).toBe(-1);
  });
});

describe('the queue’s filters', () => {
  const known = { types: ['family-change', 'new-member'], agentIds: [agentId] };

  it('defaults to the open requests of every type, whoever they are assigned to', () => {
    expect(queueQuery({}, known)).toEqual({
      values: { type: '', statut: 'ouvertes', anciennete: '0', attribuee: '', nonlues: '' },
      filter: {
        type: undefined,
        status: 'ouvertes',
        olderThanDays: undefined,
        assigned: undefined,
        unreadOnly: false,
        limit: 101,
      },
    });
  });

  it('takes the choices offered and falls back to the default for anything else', () => {
    expect(
      queueQuery(
        { type: 'new-member', statut: 'a-completer', anciennete: '7', attribuee: agentId, nonlues: 'oui' },
        known,
      ).filter,
    ).toMatchObject({
      type: 'new-member',
      status: 'a-completer',
      olderThanDays: 7,
      assigned: agentId,
      unreadOnly: true,
    });
    expect(queueQuery({ statut: 'toutes', attribuee: 'personne' }, known).filter).toMatchObject({
      status: 'toutes',
      assigned: 'personne',
    });
    expect(
      queueQuery(
        {
          type: 'inconnu',
          statut: 'ouverte',
          anciennete: '3',
          attribuee: '00000000-0000-0000-0000-000000000000',
          nonlues: '1',
        },
        known,
      ).values,
    ).toEqual({
      type: '',
      statut: 'ouvertes',
      anciennete: '0',
      attribuee: '',
      nonlues: '',
    });
  });
});
