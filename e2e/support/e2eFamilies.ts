/**
 * Family files the browser tests add to the demo, one per test that links an account: a Clé
 * Enfance links an adult once, and the demo has only two adults without an account (Sophie MARTIN
 * and Xavier DUPONT), too few for specs that run in parallel on one database. Each test below owns
 * its file; the demo's own families stay for the tests that only read them, and the agent's spec.
 */
export interface E2eFamily {
  reference: string;
  adult: { civility: 'madame' | 'monsieur'; firstName: string; lastName: string };
  members: { firstName: string; lastName: string; birthDate: string }[];
}

/** signup.spec.ts: the key typed in the sign-up form. */
export const signUpFamily: E2eFamily = {
  reference: 'F-2026-0901',
  adult: { civility: 'madame', firstName: 'Nadia', lastName: 'Benali' },
  members: [
    { firstName: 'Yanis', lastName: 'Benali', birthDate: '2016-03-11' },
    { firstName: 'Inès', lastName: 'Benali', birthDate: '2019-06-30' },
  ],
};

/** signup.spec.ts: the key typed later, from Mon espace > Clé Enfance. */
export const laterKeyFamily: E2eFamily = {
  reference: 'F-2026-0902',
  adult: { civility: 'monsieur', firstName: 'Thomas', lastName: 'Leroy' },
  members: [{ firstName: 'Jules', lastName: 'Leroy', birthDate: '2018-11-05' }],
};

export const e2eFamilies = [signUpFamily, laterKeyFamily];
