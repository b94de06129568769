/**
 * The browser tests' mail server: a real SMTP server on loopback (test/smtpSink.ts, the same sink
 * the integration tests use), and a small HTTP server that lets the tests read what it received.
 *
 * Started by playwright.config.ts as a webServer, before the app, which gets
 * SMTP_URL=smtp://127.0.0.1:<MAIL_SINK_SMTP_PORT>.
 *
 *   GET /health                   200 once both servers listen
 *   GET /messages?to=<address>    the mails received for that address (all of them without `to`),
 *                                 oldest first: [{ to, from: { name, address }, subject, text, html }]
 *
 * The sink listens on a free port of its own choosing; the app needs a fixed one, so a plain TCP
 * relay on the fixed port forwards every SMTP connection to the sink, byte for byte.
 */
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { startSmtpSink } from '../../test/smtpSink.js';
import { MAIL_SINK_HTTP_PORT, MAIL_SINK_SMTP_PORT } from './ports.js';

const HOST = '127.0.0.1';

const sink = await startSmtpSink();
const sinkPort = Number(new URL(sink.url).port);

const relay = createTcpServer((client: Socket) => {
  const server = connect(sinkPort, HOST);
  const closeBoth = () => {
    client.destroy();
    server.destroy();
  };
  client.on('error', closeBoth);
  server.on('error', closeBoth);
  client.pipe(server).pipe(client);
});

const http = createHttpServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://${HOST}`);
  if (request.method !== 'GET') {
    response.writeHead(405).end();
    return;
  }
  if (url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (url.pathname === '/messages') {
    const to = url.searchParams.get('to')?.toLowerCase();
    const messages = to
      ? sink.messages.filter((mail) => mail.to.some((address) => address.toLowerCase() === to))
      : sink.messages;
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(messages));
    return;
  }
  response.writeHead(404).end();
});

await new Promise<void>((resolve, reject) => {
  relay.once('error', reject);
  relay.listen(MAIL_SINK_SMTP_PORT, HOST, () => resolve());
});
await new Promise<void>((resolve, reject) => {
  http.once('error', reject);
  http.listen(MAIL_SINK_HTTP_PORT, HOST, () => resolve());
});
console.log(
  `mail sink: SMTP smtp://${HOST}:${MAIL_SINK_SMTP_PORT}, messages http://${HOST}:${MAIL_SINK_HTTP_PORT}/messages`,
);

const stop = () => {
  relay.close();
  http.close();
  void sink.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
