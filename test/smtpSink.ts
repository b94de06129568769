import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: { name: string; address: string };
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:port, for smtpTransport. */
  url: string;
  messages: ReceivedMail[];
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** How the sink answers each recipient: null takes it; a code (451, 550) and text refuse it. */
  answerRecipient: (address: string) => { code: number; text: string } | null;
  /** Stops listening: connections are refused, as with a relay that is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  /** Recipients refused so far, with the code given. */
  refused: { address: string; code: number }[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const refused: { address: string; code: number }[] = [];
  const sink = { answerRecipient: (_address: string): { code: number; text: string } | null => null };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to make, no account to hold.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const answer = sink.answerRecipient(address.address);
      if (!answer) return callback();
      refused.push({ address: address.address, code: answer.code });
      callback(Object.assign(new Error(answer.text), { responseCode: answer.code }));
    },
    async onData(stream, _session, callback) {
      try {
        const parsed = await simpleParser(stream);
        const from = parsed.from?.value[0];
        messages.push({
          from: { name: from?.name ?? '', address: from?.address ?? '' },
          to: addresses(parsed.to),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
        });
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refused,
    get answerRecipient() {
      return sink.answerRecipient;
    },
    set answerRecipient(answer) {
      sink.answerRecipient = answer;
    },
    async stop() {
      // The listening socket only, closed at once: a session still open ends on its own.
      server.server.close();
    },
    resume: () =>
      new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.server.listen(port, '127.0.0.1', () => resolve());
      }),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`No matching mail within ${timeoutMs} ms (${messages.length} received).`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((object) => object.value.map((address) => address.address ?? ''));
}
