import { demoLogins } from './demoPeople.js';

/** What a newcomer needs to try every door of the demo, printed at start in demo mode. */
export function printDemoLogins(origin: string): void {
  const base = `${origin}/chanteloup-les-vignes`;
  const { citizen, agent, animateur, secondFamilyKey } = demoLogins;
  console.log(`
  Demo logins (Chanteloup-les-Vignes):
    Family DUPONT        ${base}/connexion
                         username ${citizen.username} (or ${citizen.email}), password « ${citizen.password} »
    Family MARTIN        no account yet: ${base}/creer-mon-espace with the Clé Enfance ${secondFamilyKey}
    Guichet unique       ${base}/guichet/connexion
                         ${agent.email}, password « ${agent.password} »
                         TOTP secret ${agent.totpSecret} (the current code: npm run demo:totp)
    Animateur            ${animateur.email}, password « ${animateur.password} »
                         TOTP secret ${animateur.totpSecret} (npm run demo:totp -- animateur)
    Demo mail box        ${base}/boite-mail-demo (the mails this browser's actions sent: activation and reset links)
`);
}
