/**
 * A browser as far as the server can tell: real HTTP to the test app, cookies kept between requests,
 * the `_csrf` field of the last page sent back with each form. It follows no redirect by itself, so
 * that a test sees each 303 and where it points.
 */
export interface WebPage {
  status: number;
  headers: Headers;
  html: string;
  /** The Location header of a redirect, or null. */
  location: string | null;
}

export class WebClient {
  readonly #cookies = new Map<string, string>();
  #csrf: string | null = null;
  /** The last page received. */
  last: WebPage | null = null;

  /** `headers` go with every request, e.g. the X-Forwarded-For a proxy would add. */
  constructor(
    private readonly origin: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  get(path: string): Promise<WebPage> {
    return this.request('GET', path);
  }

  /**
   * Posts a form as a browser does (urlencoded). The `_csrf` field of the last page is added unless
   * the fields hold one, or `csrf: false` asks to leave it out.
   */
  post(path: string, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}): Promise<WebPage> {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false && !body.has('_csrf') && this.#csrf !== null) body.set('_csrf', this.#csrf);
    return this.request('POST', path, body);
  }

  /**
   * Posts a multipart form as a browser does: `_csrf` of the last page and the fields first, the
   * files last (each `{ field, name, bytes }`, sent as `type`).
   */
  postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; bytes: Buffer; type?: string }[],
  ): Promise<WebPage> {
    const form = new FormData();
    if (this.#csrf !== null && !('_csrf' in fields)) form.append('_csrf', this.#csrf);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append(
        file.field,
        new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/pdf' }),
        file.name,
      );
    return this.request('POST', path, form);
  }

  /** Follows the last answer's redirect with a GET, as a browser does after a 303. */
  follow(): Promise<WebPage> {
    const location = this.last?.location;
    if (!location) throw new Error(`The last answer (${this.last?.status}) is not a redirect.`);
    return this.get(location);
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  cookieNames(): string[] {
    return [...this.#cookies.keys()];
  }

  /** The CSRF token of the last page that had a form. */
  get csrfToken(): string | null {
    return this.#csrf;
  }

  private async request(method: string, path: string, body?: URLSearchParams | FormData): Promise<WebPage> {
    const url = new URL(path, this.origin);
    const headers: Record<string, string> = { ...this.headers };
    if (this.#cookies.size > 0)
      headers.cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    // A multipart body sets its own type, with its boundary.
    if (body instanceof URLSearchParams) headers['content-type'] = 'application/x-www-form-urlencoded';
    const sent = body instanceof URLSearchParams ? body.toString() : body;
    const response = await fetch(url, { method, headers, body: sent, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.keepCookie(line);
    const html = await response.text();
    const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
    if (csrf !== undefined) this.#csrf = csrf;
    this.last = {
      status: response.status,
      headers: response.headers,
      html,
      location: response.headers.get('location'),
    };
    return this.last;
  }

  private keepCookie(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator < 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key = '', raw = ''] = attribute.split('=').map((part) => part.trim());
      if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now();
      return false;
    });
    if (expired || value === '') this.#cookies.delete(name);
    else this.#cookies.set(name, value);
  }
}
