// The main-thread CPU of one citizen login through the real form beyond its password check: logins one
// after the other (no concurrency) on PGlite, production mode, against as many argon2id checks of the
// same hash in the same process. What is left is what the login costs on top of argon2 (HTTP, CSRF,
// the per-address limit, the three statements, the cookies), paid by the event loop's thread.
//   npx tsx bench/probes/loginCost.ts [logins]      (with --cpu-prof, where that time goes)
import { verify } from '@node-rs/argon2';
import { openScratchPglite, startApp } from '../lib/app.js';
import { CITIZEN_LOGIN_PATH, CSRF_COOKIE, loginForm } from '../lib/citizenLogin.js';
import { demoLogins } from '../../src/demo/demoPeople.js';
import { CitizensRepository } from '../../src/modules/accounts/citizensRepository.js';

const logins = Number(process.argv[2] ?? 300);
const database = await openScratchPglite();
const app = await startApp(database, { trustProxy: true, mode: 'production' });
try {
  const [commune] = await database.db.query.communes.findMany({ limit: 1 });
  const account = await new CitizensRepository(database.db).findByLogin(commune!.id, demoLogins.citizen.username);
  const form = await loginForm(app.url, '10.8.0.1');
  const body = new URLSearchParams({
    identifier: demoLogins.citizen.username,
    password: demoLogins.citizen.password,
    _csrf: form.token,
  }).toString();
  let address = 0;
  const logIn = async () => {
    const response = await fetch(`${app.url}${CITIZEN_LOGIN_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${CSRF_COOKIE}=${form.cookie}`,
        'x-forwarded-for': `10.7.${(++address >> 8) & 255}.${address & 255}`,
      },
      body,
      redirect: 'manual',
    });
    await response.arrayBuffer();
    if (response.status !== 303) throw new Error(`the login answered ${response.status}`);
  };
  const check = async () => {
    if (!(await verify(account!.passwordHash, demoLogins.citizen.password))) throw new Error('wrong hash');
  };
  const cpuPer = async (work: () => Promise<void>) => {
    const began = process.cpuUsage();
    for (let n = 0; n < logins; n++) await work();
    const used = process.cpuUsage(began);
    return (used.user + used.system) / 1000 / logins;
  };
  for (let n = 0; n < 20; n++) await logIn();
  const rounds: { login: number; check: number }[] = [];
  for (let round = 0; round < 3; round++) rounds.push({ login: await cpuPer(logIn), check: await cpuPer(check) });
  for (const { login, check } of rounds)
    console.log(
      `login ${login.toFixed(2)} ms of CPU, check ${check.toFixed(2)} ms: ${(login - check).toFixed(2)} ms beyond the check`,
    );
} finally {
  await app.close();
}
