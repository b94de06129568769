import { demoLogins } from '../../src/demo/demoPeople.js';

/** The demo commune the benchmarks log into. */
export const DEMO_COMMUNE = 'chanteloup-les-vignes';
export const CITIZEN_LOGIN_PATH = `/${DEMO_COMMUNE}/connexion`;
export const CITIZEN_SESSION_COOKIE = `parvis-citizen-${DEMO_COMMUNE}`;
export const CSRF_COOKIE = 'parvis-csrf';

/** The value of the cookie `name` the response sets, if it sets one. */
export function cookieValue(headers: Headers, name: string): string | undefined {
  return headers
    .getSetCookie()
    .find((line) => line.startsWith(`${name}=`))
    ?.slice(name.length + 1)
    .split(';', 1)[0];
}

/** The login page as a browser gets it: the form's CSRF token and the `parvis-csrf` cookie that goes with it. */
export async function loginForm(
  origin: string,
  address?: string,
  commune = DEMO_COMMUNE,
): Promise<{ token: string; cookie: string }> {
  const path = `/${commune}/connexion`;
  const response = await fetch(`${origin}${path}`, {
    headers: address ? { 'x-forwarded-for': address } : {},
  });
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = cookieValue(response.headers, CSRF_COOKIE);
  if (response.status !== 200 || !token || !cookie)
    throw new Error(`GET ${path} answered ${response.status} without a _csrf field and cookie`);
  return { token, cookie };
}

/**
 * A family logged in through the real form, as a browser does (the login page, then its form posted
 * from the same address): the `Cookie` header of its session. The demo parent of the demo commune
 * unless told otherwise.
 */
export async function logInThroughTheForm(
  origin: string,
  {
    address,
    username = demoLogins.citizen.username,
    password = demoLogins.citizen.password,
    commune = DEMO_COMMUNE,
  }: { address: string; username?: string; password?: string; commune?: string },
): Promise<string> {
  const form = await loginForm(origin, address, commune);
  const login = await fetch(`${origin}/${commune}/connexion`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `${CSRF_COOKIE}=${form.cookie}`,
      'x-forwarded-for': address,
    },
    body: new URLSearchParams({ identifier: username, password, _csrf: form.token }).toString(),
    redirect: 'manual',
  });
  await login.arrayBuffer();
  const sessionCookie = `parvis-citizen-${commune}`;
  const session = cookieValue(login.headers, sessionCookie);
  if (login.status !== 303 || !session) throw new Error(`the login of ${username} answered ${login.status}`);
  return `${sessionCookie}=${session}`;
}
