/**
 * The people of the demo (PRODUCT.md "Demo commune"), with the logins the console and the README
 * print. Demo data never exists outside demo mode (prepareDatabase seeds only a demo database).
 */
export const demoLogins = {
  citizen: { username: 'aurelie.dupont', email: 'aurelie.dupont@example.org', password: 'Le cartable bleu de Rémi' },
  agent: {
    email: 'agent.demo@chanteloup-les-vignes.example.org',
    password: 'Espace Victor Hugo, guichet unique',
    // A fixed TOTP secret, so that anyone can add it to an authenticator app (or run `npm run demo:totp`).
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  /** The staff of the leisure centre: the day's lists and the pointage, nothing of the family files. */
  animateur: {
    email: 'animateur.demo@chanteloup-les-vignes.example.org',
    password: 'Le goûter du mercredi au centre de loisirs',
    totpSecret: 'KRUGS4ZANFZSAYLOEBQW42LNMF2GK5LS',
  },
  /** The Clé Enfance printed for the second family, who has no account yet: to try the sign-up and the linking. */
  secondFamilyKey: 'K7QZ-3M9D-XR2F-8WHT',
} as const;
