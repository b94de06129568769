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
   * A second server (the floor) sent the same file right next to each upload, one after the other,
   * which goes first alternating: both see the same machine at the same moments.
   */
  beside?: { url: string; cookie: string; csrf: string };
}

export interface UploadResult {
  statuses: number[];
  /** The SHA-256 of each file sent. */
  sent: string[];
  /** Milliseconds of each upload, request to response. */
  times: number[];
  /** What the form said of each refused upload. */
  refusals: string[];
  /** With `beside`: its answers and milliseconds. */
  besideStatuses?: number[];
  besideTimes?: number[];
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
  const beside: { status: number; ms: number }[] = [];
  if (job.concurrent) results.push(...(await Promise.all(files.map((file) => upload(job, file)))));
  else
    for (const [index, file] of files.entries()) {
      if (job.beside && index % 2 === 0) beside.push(await upload({ ...job, ...job.beside }, file));
      results.push(await upload(job, file));
      if (job.beside && index % 2 === 1) beside.push(await upload({ ...job, ...job.beside }, file));
    }
  const result: UploadResult = {
    statuses: results.map((r) => r.status),
    sent,
    times: results.map((r) => r.ms),
    refusals: results.flatMap((r) => (r.said ? [r.said] : [])),
    ...(job.beside ? { besideStatuses: beside.map((r) => r.status), besideTimes: beside.map((r) => r.ms) } : {}),
  };
  process.send!(result);
  process.disconnect();
});
