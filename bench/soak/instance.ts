import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Exit {
  generation: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Seconds since the soak's start. */
  at: number;
  /** True when the soak killed it on purpose. */
  killed: boolean;
}

/**
 * One Parvis instance as an operator runs it (`npm start`'s `scripts/start.js`), in a process of its
 * own, configured by its environment, on a free port; it can be killed (SIGKILL) and started again, on a new port.
 * Each start is a generation: answers and connection errors are told apart by generation.
 */
export class Instance {
  generation = 0;
  origin: string | null = null;
  readonly exits: Exit[] = [];
  private child: ChildProcess | null = null;
  private lines: string[] = [];
  private killing = false;

  constructor(
    readonly label: string,
    private readonly env: Record<string, string>,
    private readonly clock: () => number,
  ) {}

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts a new generation; resolves once it listens, or rejects with its output if it exits first or takes longer than `timeoutMs`. */
  async start(timeoutMs = 180_000): Promise<void> {
    const generation = ++this.generation;
    this.origin = null;
    this.killing = false;
    const child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      // The last lines only: enough to say why an instance died.
      this.lines.push(...parts.map((line) => `[${this.label}${generation}] ${line}`));
      if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const exited = new Promise<void>((resolve) =>
      child.on('exit', (code, signal) => {
        this.exits.push({ generation, code, signal, at: this.clock(), killed: this.killing });
        resolve();
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const mine = `[${this.label}${generation}] `;
      const printed = this.lines
        .map((line) => line.startsWith(mine) && /Parvis is running .*?: (http:\/\/127\.0\.0\.1:\d+)\//.exec(line)?.[1])
        .find(Boolean);
      if (printed) {
        this.origin = printed;
        return;
      }
      if (!this.alive) {
        await exited;
        throw new Error(`instance ${this.label} exited while starting:\n${this.tail(30)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`instance ${this.label} did not start within ${timeoutMs / 1000} s:\n${this.tail(30)}`);
  }

  /** SIGKILL, as a crash or an OOM killer would: nothing is closed cleanly. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    this.killing = true;
    this.origin = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, the way a deployment stops it; SIGKILL if it has not stopped within 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    this.killing = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  /** The exits the soak did not cause. */
  get unexpectedExits(): Exit[] {
    return this.exits.filter((exit) => !exit.killed);
  }

  tail(count: number): string {
    return this.lines.slice(-count).join('\n');
  }
}
