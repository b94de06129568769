import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import {
  PayfipFault,
  PayfipUnavailable,
  type PayfipClient,
  type PayfipMode,
} from '../../integrations/payfip/payfip.js';
import { refused, type Outcome } from '../../shared/outcome.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { OnlinePaymentsRepository } from './onlinePaymentsRepository.js';
import type { PayfipTrouble } from './onlinePaymentsService.js';

export interface PayfipSettings {
  enabled: boolean;
  numcli: string;
  mode: PayfipMode;
}

export type ClientTestOutcome = Outcome<{ numcli: string; labels: string[] }, PayfipTrouble>;

/** « Paramètres → Paiement en ligne », for the administrators: the régie's numcli, the mode, on or off. */
export class PayfipSettingsService {
  constructor(
    private readonly deps: { db: Db; client: PayfipClient; repository: OnlinePaymentsRepository; audit: AuditLog },
  ) {}

  async settings(communeId: string): Promise<PayfipSettings | null> {
    const row = await this.deps.repository.settings(communeId);
    return row ? { enabled: row.enabled, numcli: row.numcli, mode: row.mode } : null;
  }

  async save(commune: Commune, settings: PayfipSettings, actor: AuditActor, ip: string): Promise<void> {
    const { db, repository, audit } = this.deps;
    await inTransaction(db, async (tx) => {
      await repository.saveSettings({ communeId: commune.id, ...settings }, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'payfip.settings.saved',
          ip,
          details: { enabled: settings.enabled, numcli: settings.numcli, mode: settings.mode },
        },
        tx,
      );
    });
  }

  /** « Tester la configuration »: PayFiP's labels of the régie, or why it answered none. */
  async test(commune: Commune, numcli: string, actor: AuditActor, ip: string): Promise<ClientTestOutcome> {
    let outcome: ClientTestOutcome;
    try {
      const detail = await this.deps.client.clientDetail(numcli);
      const labels = [detail.libelleN1, detail.libelleN2, detail.libelleN3].filter((label) => label.trim() !== '');
      outcome = { ok: true, numcli: detail.numcli, labels };
    } catch (error) {
      if (error instanceof PayfipFault) outcome = refused('payfip-fault', { code: error.code });
      else if (error instanceof PayfipUnavailable) outcome = refused('payfip-unavailable');
      else throw error;
    }
    await this.deps.audit.record({
      communeId: commune.id,
      actor,
      action: 'payfip.settings.tested',
      ip,
      details: {
        numcli,
        ok: outcome.ok,
        code: outcome.ok ? null : outcome.reason === 'payfip-fault' ? outcome.code : null,
      },
    });
    return outcome;
  }
}
