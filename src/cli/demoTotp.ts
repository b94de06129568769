// Prints the current code of the demo agent's TOTP secret, for those without an authenticator app.
import { demoLogins } from '../demo/demoPeople.js';
import { totpCode } from '../modules/accounts/domain/totp.js';

const now = new Date();
const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
console.log(`${totpCode(demoLogins.agent.totpSecret, now)} (valid for ${secondsLeft} more seconds)`);
