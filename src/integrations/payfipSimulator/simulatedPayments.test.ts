import { describe, expect, it } from 'vitest';
import { TestClock } from '../../platform/clock.js';
import { DEFAULT_REGIES, SimulatedPayments, type CreationFields } from './simulatedPayments.js';

const valid: CreationFields = {
  numcli: '123456',
  exer: '2026',
  refdet: 'F2026000123',
  objet: 'Facture novembre 2026',
  montant: '4250',
  mel: 'aurelie.dupont@example.org',
  saisie: 'T',
  urlnotif: 'http://127.0.0.1/notification',
  urlredirect: 'http://127.0.0.1/retour',
};

const create = (overrides: Partial<CreationFields>) =>
  new SimulatedPayments(new TestClock(), DEFAULT_REGIES).create({ ...valid, ...overrides }, 'normal');

describe("the simulator's checks of creerPaiementSecurise", () => {
  it.each([
    [{ numcli: '000000' }, 'T2'],
    [{ montant: '12.50' }, 'M2'],
    [{ montant: '' }, 'M2'],
    [{ montant: '99' }, 'M3'],
    [{ montant: '10000001' }, 'M5'],
    [{ refdet: '' }, 'R3'],
    [{ refdet: 'A'.repeat(31) }, 'R3'],
    [{ refdet: 'F 1' }, 'R3'],
    [{ mel: 'a@b.f' }, 'A2'],
    [{ mel: `${'a'.repeat(69)}@example.org` }, 'A2'],
    [{ mel: 'aurelie.dupont' }, 'A2'],
    [{ objet: 'Facture été' }, 'O1'],
    [{ objet: 'A'.repeat(101) }, 'O1'],
    [{ exer: '26' }, 'E1'],
    [{ saisie: 'P' }, 'S1'],
    [{ urlnotif: 'javascript:alert(1)' }, 'U1'],
  ])('refuses %o with %s', (overrides, code) => {
    expect(create(overrides)).toMatchObject({ code });
  });

  it.each([
    { montant: '100' },
    { montant: '10000000' },
    { refdet: 'A'.repeat(30) },
    { mel: 'a@b.fr' },
    { mel: `${'a'.repeat(68)}@example.org` },
    { objet: 'A'.repeat(100) },
    { saisie: 'W' },
  ])('takes %o', (overrides) => {
    expect(create(overrides)).toMatchObject({ idOp: expect.stringMatching(/^[0-9a-f-]{36}$/), result: null });
  });
});
