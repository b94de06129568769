import net from 'node:net';

/** What the antivirus said of a file; anything but `clean` refuses it (fail closed). */
export type ScanVerdict =
  { verdict: 'clean' } | { verdict: 'infected'; signature: string } | { verdict: 'error'; detail: string };

export interface Scanner {
  /** Whether a daemon is configured at all (demo mode may run without one). */
  readonly configured: boolean;
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

/** Where clamd listens: `unix:/run/clamav/clamd.ctl` or `tcp:127.0.0.1:3310`. */
export type ClamdAddress = { path: string } | { host: string; port: number };

export function parseClamdAddress(text: string): ClamdAddress | null {
  if (text.startsWith('unix:')) return text.length > 5 ? { path: text.slice(5) } : null;
  const tcp = /^tcp:([^:]+):(\d{1,5})$/.exec(text);
  return tcp ? { host: tcp[1]!, port: Number(tcp[2]) } : null;
}

const CHUNK = 64 * 1024;

/**
 * clamd's INSTREAM over its socket: `zINSTREAM\0`, chunks each preceded by its length (4 bytes, big
 * endian), a zero length to end; the answer is `stream: OK` or `stream: <name> FOUND`. No answer
 * within the time allowed, a closed socket or any other answer is an error, never « clean ».
 */
export class ClamdScanner implements Scanner {
  readonly configured = true;
  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs = 30_000,
  ) {}

  scan(bytes: Buffer): Promise<ScanVerdict> {
    return new Promise((resolve) => {
      let answer = '';
      let settled = false;
      const done = (verdict: ScanVerdict) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve(verdict);
      };
      const socket = net.connect(this.address);
      socket.setTimeout(this.timeoutMs, () => done({ verdict: 'error', detail: 'timeout' }));
      socket.on('error', (error) => done({ verdict: 'error', detail: error.message }));
      socket.on('data', (data) => {
        answer += data.toString('utf8');
      });
      socket.on('close', () => done(verdictOf(answer)));
      socket.on('connect', () => {
        socket.write('zINSTREAM\0');
        for (let at = 0; at < bytes.length; at += CHUNK) {
          const piece = bytes.subarray(at, at + CHUNK);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(piece.length);
          socket.write(length);
          socket.write(piece);
        }
        socket.write(Buffer.alloc(4));
      });
    });
  }
}

export function verdictOf(answer: string): ScanVerdict {
  const line = answer.replace(/\0/g, '').trim();
  if (line === 'stream: OK') return { verdict: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { verdict: 'infected', signature: found[1]! };
  return { verdict: 'error', detail: line || 'no answer' };
}

/** Demo mode without clamd: files are accepted and marked « non analysé » for the agents. */
export const noScanner: Scanner = {
  configured: false,
  scan: async () => ({ verdict: 'error', detail: 'no scanner configured' }),
};
