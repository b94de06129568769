import { afterAll, beforeAll } from 'vitest';
import { createPayfipClient } from '../src/integrations/payfip/payfipClient.js';
import type { PayfipClient } from '../src/integrations/payfip/payfip.js';
import {
  DEFAULT_REGIES,
  type PayfipSimulator,
  startPayfipSimulator,
} from '../src/integrations/payfipSimulator/payfipSimulator.js';
import { type TestClock } from '../src/platform/clock.js';

/** A second régie the simulator knows, which no test commune uses: another commune's payments. */
export const OTHER_NUMCLI = '654321';

/**
 * The PayFiP simulator on loopback for a describe block, with the clock the test app shares (idOps age
 * on it), and a client on it. Read them inside hooks and tests.
 */
export function usePayfipSimulator(clock: TestClock): {
  simulator: () => PayfipSimulator;
  client: (timeoutMs?: number) => PayfipClient;
} {
  let simulator: PayfipSimulator | undefined;
  beforeAll(async () => {
    simulator = await startPayfipSimulator({
      clock,
      regies: [
        ...DEFAULT_REGIES,
        { numcli: OTHER_NUMCLI, libelleN1: 'COMMUNE DE BELRIVE', libelleN2: 'REGIE ENFANCE', libelleN3: '' },
      ],
    });
  });
  afterAll(async () => {
    await simulator?.close();
  });
  const current = () => {
    if (!simulator) throw new Error('the PayFiP simulator starts in beforeAll');
    return simulator;
  };
  return {
    simulator: current,
    // 20 s: a busy machine never makes a healthy call « unavailable »; a test of a hanging service passes its own.
    client: (timeoutMs = 20_000) =>
      createPayfipClient({ endpoint: current().endpoint, paymentPageBase: current().paymentPageBase, timeoutMs }),
  };
}

/** Waits, without timing anything, until `check` holds (a job's work lands a moment later). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
