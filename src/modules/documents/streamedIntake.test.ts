import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FormCut } from '../../platform/http/multipartForm.js';
import { type ScanVerdict, type Scanner, noScanner } from './clamd.js';
import { type ChunkSink, type IncomingFile, takeInStreamed } from './streamedIntake.js';
import { CHUNK_BYTES } from './vaultCrypto.js';

/** A PDF of `size` bytes: a head, filler without any PDF name, then `tail`. */
function bigPdf(size: number, tail = '\n%%EOF\n'): Buffer {
  const head = Buffer.from('%PDF-1.4\n%');
  const end = Buffer.from(tail);
  return Buffer.concat([head, Buffer.alloc(size - head.length - end.length, 0x41), end]);
}

/** The file's bytes in pieces of 64 KiB, as the network gives them; `cutAfter` pieces, then the connection lost. */
function arriving(name: string, bytes: Buffer, options: { cutAfter?: number; truncated?: boolean } = {}): IncomingFile {
  async function* pieces() {
    for (let at = 0, n = 0; at < bytes.length; at += 64 * 1024, n++) {
      if (options.cutAfter !== undefined && n === options.cutAfter) throw new FormCut('incomplete');
      yield bytes.subarray(at, at + 64 * 1024);
    }
  }
  return { name, bytes: pieces(), truncated: () => Boolean(options.truncated) };
}

async function* filesOf(...files: IncomingFile[]): AsyncGenerator<IncomingFile> {
  yield* files;
}

/** A sink keeping what it was handed: chunk lengths and flags per file, and which files were finished. */
function recordingSink() {
  const chunks: { position: number; seq: number; length: number; last: boolean }[] = [];
  const finished: { position: number; size: number; sha256: string }[] = [];
  const sink: ChunkSink = {
    begin: async (position) => ({
      chunk: async (seq, plain, last) => {
        chunks.push({ position, seq, length: plain.length, last });
      },
      finish: async (file) => {
        finished.push({ position, size: file.size, sha256: file.sha256 });
      },
    }),
  };
  return { sink, chunks, finished };
}

/** A scanner whose verdict is given, reading every byte it is sent. */
function fakeScanner(verdict: ScanVerdict) {
  let received = 0;
  const scanner: Scanner = {
    configured: true,
    scan: async () => verdict,
    open: () => ({
      write: async (piece) => {
        received += piece.length;
      },
      end: async () => verdict,
      abort: () => {},
    }),
  };
  return { scanner, received: () => received };
}

describe('files taken in as they arrive', () => {
  it('hands a PDF to the sink in the vault’s chunks, the last one flagged, and hashes what was sent', async () => {
    const pdf = bigPdf(3 * CHUNK_BYTES + 1000);
    const { sink, chunks, finished } = recordingSink();
    const clamd = fakeScanner({ verdict: 'clean' });
    const intake = await takeInStreamed(filesOf(arriving('a.pdf', pdf)), clamd.scanner, sink);
    expect(intake).toMatchObject({ ok: true, files: [{ fileName: 'a.pdf', bytes: null }] });
    expect(chunks.map((c) => [c.seq, c.length, c.last])).toEqual([
      [0, CHUNK_BYTES, false],
      [1, CHUNK_BYTES, false],
      [2, CHUNK_BYTES, false],
      [3, 1000, true],
    ]);
    expect(finished).toEqual([
      { position: 0, size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    ]);
    expect(clamd.received()).toBe(pdf.length);
  });

  it('a file exactly a number of chunks long ends on a full chunk flagged last', async () => {
    const { sink, chunks } = recordingSink();
    await takeInStreamed(filesOf(arriving('a.pdf', bigPdf(2 * CHUNK_BYTES))), noScanner, sink);
    expect(chunks.map((c) => [c.seq, c.length, c.last])).toEqual([
      [0, CHUNK_BYTES, false],
      [1, CHUNK_BYTES, true],
    ]);
  });

  it('refuses a file whose check fails after chunks went to the sink, never finishing it', async () => {
    const cases: { file: IncomingFile; scan?: ScanVerdict; reason: string }[] = [
      { file: arriving('js.pdf', bigPdf(2 * CHUNK_BYTES, '\n/JavaScript (x)\n%%EOF\n')), reason: 'javascript' },
      { file: arriving('chiffré.pdf', bigPdf(2 * CHUNK_BYTES, '\n/Encrypt 5 0 R\n%%EOF\n')), reason: 'encrypted' },
      {
        file: arriving('virus.pdf', bigPdf(2 * CHUNK_BYTES)),
        scan: { verdict: 'infected', signature: 'X' },
        reason: 'infected',
      },
      {
        file: arriving('muet.pdf', bigPdf(2 * CHUNK_BYTES)),
        scan: { verdict: 'error', detail: 'down' },
        reason: 'scan-unavailable',
      },
      { file: arriving('gros.pdf', bigPdf(2 * CHUNK_BYTES), { truncated: true }), reason: 'too-large' },
      { file: arriving('énorme.pdf', bigPdf(11 * 1024 * 1024)), reason: 'too-large' },
      { file: arriving('coupé.pdf', bigPdf(2 * CHUNK_BYTES), { cutAfter: 6 }), reason: 'incomplete' },
    ];
    for (const { file, scan, reason } of cases) {
      const { sink, chunks, finished } = recordingSink();
      const scanner = scan ? fakeScanner(scan).scanner : noScanner;
      const intake = await takeInStreamed(filesOf(file), scanner, sink);
      expect(intake, reason).toMatchObject({ ok: false, reason });
      expect(chunks.length, reason).toBeGreaterThan(0);
      expect(finished, reason).toEqual([]);
    }
  });

  it('hands nothing to the sink but PDFs: an image waits to be re-encoded, another type is refused', async () => {
    const { sink, chunks } = recordingSink();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(CHUNK_BYTES * 2, 0x41)]);
    expect(await takeInStreamed(filesOf(arriving('a.pdf', exe)), noScanner, sink)).toMatchObject({
      reason: 'unsupported-type',
    });
    expect(chunks).toEqual([]);
  });

  it('an eleventh file refuses the upload; an empty file input is skipped; none at all is said', async () => {
    const small = bigPdf(1000);
    const eleven = Array.from({ length: 11 }, (_, i) => arriving(`p${i}.pdf`, small));
    expect(await takeInStreamed(filesOf(...eleven), noScanner, null)).toMatchObject({ reason: 'too-many-files' });
    const none = await takeInStreamed(filesOf(arriving('', Buffer.alloc(0))), noScanner, null);
    expect(none).toMatchObject({ reason: 'no-file' });
    const kept = await takeInStreamed(
      filesOf(arriving('', Buffer.alloc(0)), arriving('a.pdf', small)),
      noScanner,
      null,
    );
    expect(kept).toMatchObject({ ok: true, files: [{ fileName: 'a.pdf' }] });
    if (kept.ok) expect(kept.files[0]!.bytes?.equals(small)).toBe(true);
  });
});
