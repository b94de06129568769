import path from 'node:path';
import { z } from 'zod';
import { StartupError } from './shared/errors.js';

/**
 * The only reader of process.env. Every setting is validated here, so that a wrong value stops the
 * start with a message naming the variable, instead of failing later in the middle of a request.
 * Keep `.env.example` and the README's table in step with this schema.
 */

// 0 asks the system for any free port (tests); the address printed at start says which.
const portMessage = 'must be a whole number between 0 and 65535';
const port = z.coerce.number({ error: portMessage }).int(portMessage).min(0, portMessage).max(65535, portMessage);

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: port.default(3000),
  PARVIS_MODE: z.enum(['demo', 'production'], { error: 'must be demo or production' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PARVIS_NOW: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant with its offset, e.g. 2026-11-02T12:00:00+01:00' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // `true` would trust every hop, so that anyone could choose their own address with X-Forwarded-For:
  // only a number of hops or the proxies' addresses are accepted.
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|\d+|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be false, the number of proxies in front of Parvis (e.g. 1), or their addresses (e.g. 10.0.0.1,10.0.0.0/8)',
    )
    .default('false')
    .transform((v): boolean | number | string => (v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) address families use, e.g. https://espace.example.fr' })
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.fr:587')
    .optional(),
  // Signs the CSRF tokens of visitors without a session; the same on every instance of a deployment.
  PARVIS_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters, e.g. the output of: openssl rand -base64 32')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  // Encrypts the families' documents (32 bytes, base64 or hex); required in production mode.
  PARVIS_MASTER_KEY: z.string().min(1).optional(),
  // During a key rotation (npm run keys:rotate): the key some documents are still wrapped by.
  PARVIS_PREVIOUS_MASTER_KEY: z.string().min(1).optional(),
  // PayFiP's web service and payment page (INTEGRATIONS.md); a demo uses its simulator on loopback instead.
  PAYFIP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be the http(s) address of PayFiP's web service" })
    .default('https://www.payfip.gouv.fr/tpa/services/securite'),
  PAYFIP_PAYMENT_PAGE: z
    .url({ protocol: /^https?$/, error: "must be the http(s) address of PayFiP's payment page" })
    .default('https://www.payfip.gouv.fr/tpa/paiementws.web'),
  // Where clamd listens; required in production mode (uploads fail closed without it).
  CLAMD_ADDRESS: z
    .string()
    .regex(
      /^(unix:.+|tcp:[^:]+:\d{1,5})$/,
      'must be unix:<socket path> or tcp:<host>:<port>, e.g. unix:/run/clamav/clamd.ctl',
    )
    .optional(),
});

export type Mode = 'demo' | 'production';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  mode: Mode;
  /** False when the mode is only the default: an existing database then keeps the mode it was made in. */
  modeChosen: boolean;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Demo mode only: the instant the portal's clock starts from. */
  now?: Date;
  logLevel: string;
  /** false, a number of proxy hops, or the proxies' addresses (Fastify's trustProxy). */
  trustProxy: boolean | number | string;
  /** The address in links sent by e-mail; without it, the address the portal listens on. */
  publicUrl?: string;
  /** Without it, mails are kept in the database (readable in the demo mail box in demo mode). */
  smtpUrl?: string;
  /** Shared per-address limits for several instances; without it, each instance counts in memory. */
  redisUrl?: string;
  /**
   * The deployment's secret, the same on every instance (required in production mode). Unset in
   * demo mode, each process draws its own: right for one process, not for several.
   */
  secret?: string;
  /** The data folder: PGlite's database, and the demo's master key when none is configured. */
  dataDir: string;
  /** `PARVIS_MASTER_KEY`, as written; read by `documents/masterKeyFile.ts`. */
  masterKey?: string;
  /** `PARVIS_PREVIOUS_MASTER_KEY`: the key a rotation replaces. */
  previousMasterKey?: string;
  /** Where clamd listens (`unix:…` or `tcp:host:port`). */
  clamdAddress?: string;
  /** PayFiP's web service and payment page; unused in demo mode, which starts its simulator. */
  payfip: { endpoint: string; paymentPage: string };
}

export class ConfigError extends StartupError {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = present[name];
        // A secret never reaches the start's output, even a wrong one.
        const shown =
          name === 'PARVIS_SECRET' || name.endsWith('MASTER_KEY') ? '(hidden)' : JSON.stringify(value ?? '');
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const mode: Mode = e.PARVIS_MODE ?? (e.NODE_ENV === 'production' ? 'production' : 'demo');
  if (e.PARVIS_NOW && mode !== 'demo') {
    throw new ConfigError(['PARVIS_NOW: setting the clock is only allowed in demo mode (PARVIS_MODE=demo)']);
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    mode,
    modeChosen: e.PARVIS_MODE !== undefined,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.DATA_DIR) },
    now: e.PARVIS_NOW ? new Date(e.PARVIS_NOW) : undefined,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    redisUrl: e.REDIS_URL,
    secret: e.PARVIS_SECRET,
    dataDir: path.resolve(e.DATA_DIR),
    masterKey: e.PARVIS_MASTER_KEY,
    previousMasterKey: e.PARVIS_PREVIOUS_MASTER_KEY,
    clamdAddress: e.CLAMD_ADDRESS,
    payfip: { endpoint: e.PAYFIP_ENDPOINT, paymentPage: e.PAYFIP_PAYMENT_PAGE },
  };
}
