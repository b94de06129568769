import type { Instance } from './instance.js';

/** One HTTP exchange as the soak saw it: an answer's status, or the error that took its place. */
export interface Exchange {
  action: string;
  instance: string;
  generation: number;
  /** Seconds since the soak's start, when the request left. */
  at: number;
  status?: number;
  /** `ECONNRESET`, `ECONNREFUSED`, `timeout`…: no answer at all. */
  error?: string;
}

export interface Page {
  status: number;
  location: string | null;
  html: string;
}

/** A request that got no answer: its effect, if any, is unknown. */
export class NoAnswer extends Error {}

const ANSWER_TIMEOUT_MS = 30_000;

/**
 * A browser behind the deployment's reverse proxy: cookies kept between requests (sessions live in
 * the database, so any instance serves them), the `_csrf` of the last page sent back with forms, and
 * its own client address in X-Forwarded-For (the instances trust one proxy), so that the per-address
 * limits count each browser apart, as they would count families.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly address: string,
    private readonly pick: () => Instance | null,
    private readonly record: (exchange: Exchange) => void,
    private readonly clock: () => number,
  ) {}

  get(action: string, path: string): Promise<Page> {
    return this.request(action, 'GET', path);
  }

  post(action: string, path: string, fields: Record<string, string>): Promise<Page> {
    return this.request(action, 'POST', path, new URLSearchParams({ _csrf: this.csrf, ...fields }).toString());
  }

  private async request(action: string, method: string, path: string, body?: string): Promise<Page> {
    const instance = this.pick();
    const at = this.clock();
    if (!instance?.origin) {
      this.record({ action, instance: '-', generation: 0, at, error: 'no instance up' });
      throw new NoAnswer('no instance up');
    }
    const { label, generation, origin } = instance;
    try {
      const response = await fetch(`${origin}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          'x-forwarded-for': this.address,
          cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      const html = await response.text();
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';', 1);
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (csrf) this.csrf = csrf;
      this.record({ action, instance: label, generation, at, status: response.status });
      return { status: response.status, location: response.headers.get('location'), html };
    } catch (error) {
      const code = errorCode(error);
      this.record({ action, instance: label, generation, at, error: code });
      throw new NoAnswer(`${method} ${path} on ${label}${generation}: ${code}`);
    }
  }
}

function errorCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  for (
    let current = error, depth = 0;
    current && typeof current === 'object' && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.message : String(error);
}
