// The uploads' load generator, run in a child process (`execArgv: --import tsx`) so that the bytes it
// builds and sends never count in the server's memory. It receives one job on IPC, answers one result.
import { createHash, randomBytes } from 'node:crypto';

export interface UploadJob {
  /** Full URL of the form's action. */
  url: string;
  cookie: string;
  csrf: string;
  /** Uploads sent at once, or one after the other. */
  concurrent: boolean;
  count: number;
  /** Each file: a PDF head, random bytes, an end: `bytes` long. */
  bytes: number;
  /**
   * Other servers (the floors) sent the same file right next to each upload, one after the other,
   * the order turning from one file to the next: all see the same machine at the same moments.
   */
  besides?: { url: string; cookie: string; csrf: string }[];
}

export interface UploadResult {
  statuses: number[];
  /** The SHA-256 of each file sent. */
  sent: string[];
  /** Milliseconds of each upload, request to response. */
  times: number[];
  /** What the form said of each refused upload. */
  refusals: string[];
  /** With `besides`: their answers and milliseconds, one list per floor. */
  besideStatuses?: number[][];
  besideTimes?: number[][];
}

function pdfOfSize(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%');
  const tail = Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  // Random bytes in a comment: nothing a PDF reader interprets, nothing that compresses. No « / »
  // either: random bytes would now and then spell a name such as « /JS », and the file be refused.
  const body = randomBytes(bytes - head.length - tail.length).map((byte) =>
    byte === 0x0a || byte === 0x0d || byte === 0x2f ? 0x41 : byte,
  );
  return Buffer.concat([head, body, tail]);
}

async function upload(job: UploadJob, file: Buffer): Promise<{ status: number; ms: number; said?: string }> {
  const form = new FormData();
  form.append('_csrf', job.csrf);
  form.append('fichiers', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'justificatif.pdf');
  const started = performance.now();
  const response = await fetch(job.url, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { cookie: job.cookie },
  });
  const html = await response.text();
  const said = /<div class="error-summary"[\s\S]*?<a [^>]*>([^<]*)<\/a>/.exec(html)?.[1];
  return { status: response.status, ms: performance.now() - started, ...(said ? { said } : {}) };
}

process.once('message', async (job: UploadJob) => {
  const files = Array.from({ length: job.count }, () => pdfOfSize(job.bytes));
  const sent = files.map((file) => createHash('sha256').update(file).digest('hex'));
  const results: { status: number; ms: number; said?: string }[] = [];
  const besides = job.besides ?? [];
  const beside: { status: number; ms: number }[][] = besides.map(() => []);
  if (job.concurrent) results.push(...(await Promise.all(files.map((file) => upload(job, file)))));
  else
    for (const [index, file] of files.entries()) {
      // The app then each floor, the first of them turning: each server goes first as often.
      const sides = besides.length + 1;
      for (let k = 0; k < sides; k++) {
        const side = (index + k) % sides;
        if (side === 0) results.push(await upload(job, file));
        else beside[side - 1]!.push(await upload({ ...job, ...besides[side - 1]! }, file));
      }
    }
  const result: UploadResult = {
    statuses: results.map((r) => r.status),
    sent,
    times: results.map((r) => r.ms),
    refusals: results.flatMap((r) => (r.said ? [r.said] : [])),
    ...(job.besides
      ? {
          besideStatuses: beside.map((side) => side.map((r) => r.status)),
          besideTimes: beside.map((side) => side.map((r) => r.ms)),
        }
      : {}),
  };
  process.send!(result);
  process.disconnect();
});
