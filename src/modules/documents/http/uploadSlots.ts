/**
 * How many uploads an instance checks at once. The others wait before their files are read, their
 * bytes held back by the network rather than in memory: twenty families sending 10 MB together cost
 * the memory of a few uploads, not of twenty. A wait that lasts too long is answered « try again ».
 */
export class UploadSlots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly size: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Runs `work` in a slot and says so, or says it did not run when no slot freed up in time. */
  async run<T>(work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.busy >= this.size && !(await this.wait())) return { ran: false };
    this.busy++;
    try {
      return { ran: true, value: await work() };
    } finally {
      this.busy--;
      this.waiting.shift()?.();
    }
  }

  private wait(): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(false);
      }, this.maxWaitMs);
      this.waiting.push(wake);
    });
  }
}
