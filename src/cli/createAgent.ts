// `npm run agent:create -- --commune <slug> --email <e-mail> --first-name <…> --last-name <…> [--role administrateur]`
// Creates an agent of a commune (the first administrator, typically) and prints their invitation link.
// Works on the configured database without the portal running; the invitation mail is queued and
// leaves once Parvis runs.
import { parseArgs } from 'node:util';
import { accountFieldErrors } from '../modules/accounts/http/accountMessages.js';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { buildContainer } from '../container.js';
import { AGENT_ROLES } from '../modules/accounts/agentsPolicy.js';
import { openDatabase } from '../platform/db/openDatabase.js';
import { StartupError } from '../shared/errors.js';
import { textProblem } from '../platform/http/formText.js';
import { isMailableAddress } from '../platform/mail/mailAddress.js';

const usage = `Usage: npm run agent:create -- --commune <slug> --email <e-mail> --first-name <first name> --last-name <last name> [--role ${AGENT_ROLES.join('|')}]
The role is administrateur unless given.`;

/** A mistake the operator can fix from the message alone. */
class CommandError extends Error {}
/** The command line itself is wrong: the usage follows the message. */
class UsageError extends CommandError {}

const argumentsSchema = z.object({
  commune: z
    .string({ error: '--commune is missing (the slug in the portal’s addresses, e.g. chanteloup-les-vignes)' })
    .min(1),
  email: z
    .string({ error: '--email is missing' })
    .trim()
    .refine((value) => isMailableAddress(value), '--email is not an e-mail address a mail relay takes'),
  'first-name': z
    .string({ error: '--first-name is missing' })
    .trim()
    .normalize('NFC')
    .min(1, '--first-name is empty')
    .max(100)
    .refine((value) => textProblem('lastName', value) === null, '--first-name holds an invisible or control character'),
  'last-name': z
    .string({ error: '--last-name is missing' })
    .trim()
    .normalize('NFC')
    .min(1, '--last-name is empty')
    .max(100)
    .refine((value) => textProblem('lastName', value) === null, '--last-name holds an invisible or control character'),
  role: z.enum(AGENT_ROLES, { error: `--role must be one of ${AGENT_ROLES.join(', ')}` }).default('administrateur'),
});

function readArguments(argv: string[]) {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        commune: { type: 'string' },
        email: { type: 'string' },
        'first-name': { type: 'string' },
        'last-name': { type: 'string' },
        role: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return parsed.data;
}

async function main(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    // The link must work from the operator's browser: the public address, or the one `npm start` listens on.
    const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
    const container = await buildContainer({ config: { ...config, publicUrl }, database });
    try {
      const commune = await container.communes.resolve(args.commune);
      if (!commune)
        throw new CommandError(`Unknown commune « ${args.commune} »: no commune of this deployment has this slug.`);
      // The mail goes through the job queue: its tables must exist even if the portal never ran here.
      await container.jobs.start();
      const outcome = await container.agents.invite(commune, 'command-line', {
        email: args.email,
        firstName: args['first-name'],
        lastName: args['last-name'],
        role: args.role,
      });
      if (!outcome.ok)
        throw new CommandError(
          `${args.email}: ${Object.values(accountFieldErrors(outcome, { now: container.clock.now() })).join(' ')}`,
        );
      console.log(
        `Agent created in ${commune.name}: ${outcome.agent.firstName} ${outcome.agent.lastName} <${outcome.agent.email}>, role ${outcome.agent.role}.`,
      );
      console.log('Invitation link (valid 72 hours, single use; also sent by e-mail once Parvis runs):');
      console.log(outcome.link);
    } finally {
      await container.stop();
    }
  } finally {
    await database.close();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else if (error instanceof CommandError) console.error(error.message);
  else if (error instanceof StartupError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
