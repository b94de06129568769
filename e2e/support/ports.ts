import { execFileSync } from 'node:child_process';

/**
 * The loopback ports of the browser tests: the app, and the mail sink's SMTP and HTTP doors
 * (e2e/support/mailSink.ts). The runner asks the system for three free ports once and hands them to
 * its workers and web servers through the environment, so two runs on one machine never collide.
 */
function e2ePorts(): [app: number, smtp: number, http: number] {
  const inherited = process.env.PARVIS_E2E_PORTS;
  if (!inherited) {
    // The config is loaded synchronously: a short child process binds port 0 three times at once.
    const script =
      "const net=require('node:net');const s=[0,1,2].map(()=>net.createServer());" +
      "Promise.all(s.map(x=>new Promise(r=>x.listen(0,'127.0.0.1',r))))" +
      ".then(()=>{console.log(s.map(x=>x.address().port).join(','));s.forEach(x=>x.close());});";
    process.env.PARVIS_E2E_PORTS = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
  }
  const ports = process.env.PARVIS_E2E_PORTS!.split(',').map(Number);
  if (ports.length !== 3 || ports.some((port) => !Number.isInteger(port) || port <= 0)) {
    throw new Error(
      `PARVIS_E2E_PORTS must hold three ports, e.g. 3217,2526,3218 (got ${process.env.PARVIS_E2E_PORTS})`,
    );
  }
  return ports as [number, number, number];
}

export const [APP_PORT, MAIL_SINK_SMTP_PORT, MAIL_SINK_HTTP_PORT] = e2ePorts();
