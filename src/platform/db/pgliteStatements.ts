import { type PGlite, type Results, type messages, parse, protocol } from '@electric-sql/pglite';

type QueryOptions = Parameters<PGlite['query']>[2];
type BackendMessage = messages.BackendMessage;

/**
 * How many statements one PGlite instance keeps parsed and planned. The app's statements are built
 * once or follow a few shapes (a confirmation's cells, a page's filters): a few hundred in all. When
 * more come, the one unused longest is closed, so that a stream of one-off texts costs no memory.
 */
export const KEPT_STATEMENTS = 256;

/** Only the statements that read or write rows; DDL, `BEGIN`, `SET`… keep PGlite's own path. */
const PREPARABLE = /^\s*\(?\s*(select|insert|update|delete|with)\b/i;

interface Kept {
  name: string;
  paramTypes: number[];
  /** What `Describe` answered for the statement: the row description (or none), sent again with each run's rows. */
  shape: BackendMessage[];
}

/**
 * PGlite's `query` parses and plans its statement anew at each call (an unnamed statement), in six
 * calls into PostgreSQL (parse, describe, bind, describe, execute, sync), on the event loop's thread:
 * the request pays for it. Here each text is parsed once into a named statement (`Parse`, `Describe`,
 * `Sync` in one call), and each run is a single call (`Bind`, `Execute`, `Sync`): PostgreSQL keeps the
 * plan as it does for node-postgres's named statements (a custom plan for the first five runs, then
 * the generic one when it costs no more). The rows, the errors and the locks are PGlite's own: the
 * same mutexes as `query` and `transaction`, the same parsers and serializers, the same sync to disk
 * outside a transaction. Relies on PGlite 0.5's protocol methods (`execProtocolStream`, its mutexes),
 * which `pgliteStatements.int.test.ts` holds to what `query` answers.
 */
export class PgliteStatements {
  readonly #client: PGlite;
  /** In order of last use: the first is the one to close when too many are kept. */
  readonly #kept = new Map<string, Kept>();
  #named = 0;

  constructor(client: PGlite) {
    this.#client = client;
  }

  /** Whether `run` takes this query; others go to PGlite's `query`. */
  takes(text: string, options: QueryOptions): boolean {
    return !options?.blob && !options?.paramTypes && PREPARABLE.test(text);
  }

  /** The statement outside any transaction, queued as PGlite's `query` is. */
  async run<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    const client = this.#client;
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        const results = await this.#runHeld<T>(text, params, options);
        await client.syncToFs();
        return results;
      }),
    );
  }

  /** The statement inside the transaction that holds the instance, queued as its `tx.query` is. */
  runInTransaction<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#client._runExclusiveQuery(() => this.#runHeld<T>(text, params, options));
  }

  async #runHeld<T>(text: string, params: unknown[], options: QueryOptions): Promise<Results<T>> {
    const client = this.#client;
    const kept = this.#kept.get(text) ?? (await this.#prepare(text, params, options));
    // Last used now: to the end of the order.
    this.#kept.delete(text);
    this.#kept.set(text, kept);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = kept.paramTypes[i]!;
      const serialize = options?.serializers?.[oid] ?? client.serializers[oid];
      return serialize ? serialize(param) : String(param);
    });
    const run = joined([
      protocol.serialize.bind({ statement: kept.name, values }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ]);
    const answer = await client
      .execProtocolStream(run, { syncToFs: false, onNotice: options?.onNotice })
      .catch((error: unknown) => {
        throw withQuery(error, text, params);
      });
    return parse.parseResults([...kept.shape, ...answer], client.parsers, options)[0] as Results<T>;
  }

  async #prepare(text: string, params: unknown[], options: QueryOptions): Promise<Kept> {
    const parts: Uint8Array[] = [];
    // The statement unused longest is closed in the same call: at most KEPT_STATEMENTS stay parsed.
    if (this.#kept.size >= KEPT_STATEMENTS) {
      const [oldestText, oldest] = this.#kept.entries().next().value as [string, Kept];
      this.#kept.delete(oldestText);
      parts.push(protocol.serialize.close({ type: 'S', name: oldest.name }));
    }
    const name = `parvis_${++this.#named}`;
    parts.push(
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    );
    // A statement PostgreSQL refuses throws here, as `query` would, and is not kept.
    const answer = await this.#client
      .execProtocolStream(joined(parts), { syncToFs: false, onNotice: options?.onNotice })
      .catch((error: unknown) => {
        throw withQuery(error, text, params);
      });
    return {
      name,
      paramTypes: parse.parseDescribeStatementResults(answer),
      shape: answer.filter((message) => message.name === 'rowDescription'),
    };
  }
}

/** PostgreSQL's error as PGlite's `query` throws it: the statement and its values attached. */
function withQuery(error: unknown, query: string, params: unknown[]): unknown {
  if (error && typeof error === 'object' && 'code' in error) Object.assign(error, { query, params });
  return error;
}

function joined(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}
