import net from 'node:net';

/** What the antivirus said of a file; anything but `clean` refuses it (fail closed). */
export type ScanVerdict =
  { verdict: 'clean' } | { verdict: 'infected'; signature: string } | { verdict: 'error'; detail: string };

/** One file sent to the antivirus piece by piece, while it arrives. */
export interface ScanStream {
  /** Sends the next piece; resolves once the daemon can take more (backpressure), at once after a failure. */
  write(piece: Buffer): Promise<void>;
  /** Ends the file and waits for the verdict. */
  end(): Promise<ScanVerdict>;
  /** Gives up (the upload failed): the connection is closed, no verdict is awaited. */
  abort(): void;
}

export interface Scanner {
  /** Whether a daemon is configured at all (demo mode may run without one). */
  readonly configured: boolean;
  scan(bytes: Buffer): Promise<ScanVerdict>;
  /** A file scanned as it arrives: its verdict once `end` is called. */
  open(): ScanStream;
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

  async scan(bytes: Buffer): Promise<ScanVerdict> {
    const stream = this.open();
    await stream.write(bytes);
    return stream.end();
  }

  /**
   * The connection is opened at once and each piece written as it comes, so that clamd reads the file
   * while the family's browser is still sending it; the verdict then costs only the scan of the end.
   */
  open(): ScanStream {
    let answer = '';
    let settled: ScanVerdict | null = null;
    let onVerdict: (verdict: ScanVerdict) => void = () => {};
    const verdict = new Promise<ScanVerdict>((resolve) => {
      onVerdict = resolve;
    });
    let wake: () => void = () => {};
    const done = (result: ScanVerdict) => {
      if (settled) return;
      settled = result;
      socket.destroy();
      wake();
      onVerdict(result);
    };
    const socket = net.connect(this.address);
    socket.setTimeout(this.timeoutMs, () => done({ verdict: 'error', detail: 'timeout' }));
    socket.on('error', (error) => done({ verdict: 'error', detail: error.message }));
    socket.on('data', (data) => {
      answer += data.toString('utf8');
    });
    socket.on('close', () => done(verdictOf(answer)));
    socket.on('drain', () => wake());
    // Written before the connection is made: the socket keeps it until then.
    socket.write('zINSTREAM\0');
    return {
      write: async (piece) => {
        for (let at = 0; at < piece.length && !settled; at += CHUNK) {
          const part = piece.subarray(at, at + CHUNK);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(part.length);
          socket.write(length);
          if (!socket.write(part) && !settled)
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
        }
      },
      end: () => {
        if (!settled) socket.write(Buffer.alloc(4));
        return verdict;
      },
      abort: () => done({ verdict: 'error', detail: 'aborted' }),
    };
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
  open: () => ({
    write: async () => {},
    end: async () => ({ verdict: 'error', detail: 'no scanner configured' }),
    abort: () => {},
  }),
};
