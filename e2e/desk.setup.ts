import { test as setup } from '@playwright/test';
import { agentLogin } from './support/journeys.js';
import { deskSessionFile } from './support/state.js';

/**
 * The demo agent logs in once, through the real login (password, then TOTP), and the session is
 * kept for the tests that only need the guichet (issuing a key, viewing a file): each login uses
 * up a TOTP step, and parallel tests would otherwise wait for codes. agent.spec.ts logs in itself.
 */
setup('the demo agent logs into the guichet', async ({ page }) => {
  await agentLogin(page);
  await page.context().storageState({ path: deskSessionFile() });
});
