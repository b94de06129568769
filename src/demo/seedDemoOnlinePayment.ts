import type { Db } from '../platform/db/database.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { OnlinePaymentsRepository } from '../modules/onlinePayments/onlinePaymentsRepository.js';

/**
 * The demo's online payment: Chanteloup's régie, numcli 123456, in test mode, against the PayFiP
 * simulator the demo starts on loopback. A demo takes test results as payments (ADR 0017).
 */
export async function seedDemoOnlinePayment(db: Db, commune: Commune): Promise<void> {
  await new OnlinePaymentsRepository(db).saveSettings({
    communeId: commune.id,
    enabled: true,
    numcli: '123456',
    mode: 'T',
  });
}
