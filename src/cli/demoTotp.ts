// Prints the current code of a demo agent's TOTP secret, for those without an authenticator app:
// `npm run demo:totp` for the administrator, `npm run demo:totp -- animateur` for the animateur.
import { demoLogins } from '../demo/demoPeople.js';
import { totpCode } from '../modules/accounts/domain/totp.js';

const who = process.argv[2] === 'animateur' ? demoLogins.animateur : demoLogins.agent;
const now = new Date();
const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
console.log(`${totpCode(who.totpSecret, now)} (valid for ${secondsLeft} more seconds)`);
