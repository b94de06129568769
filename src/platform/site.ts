/**
 * The address families reach the portal at, for links written in e-mails. PUBLIC_URL when set;
 * otherwise the address the server ends up listening on (known only after `listen`, as PORT may be 0).
 */
export class Site {
  #origin: string;
  constructor(publicUrl?: string) {
    this.#origin = publicUrl ?? 'http://localhost:3000';
    this.fixed = publicUrl !== undefined;
  }
  private readonly fixed: boolean;

  get origin(): string {
    return this.#origin;
  }

  /** Called once listening; ignored when PUBLIC_URL is set. */
  listeningAt(origin: string): void {
    if (!this.fixed) this.#origin = origin;
  }
}
