// The REST API as the console calls it: the token from sessionStorage as a Bearer header (no
// cookies, so no CSRF), JSON in and out, errors as ApiError with the server's code and field.

const TOKEN_KEY = 'governor.token';
// The API lives where the console does, minus /console/: this works behind a path prefix too.
const BASE = window.location.pathname.replace(/\/console(\/.*)?$/, '');

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `The server answered ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.field = body && body.field;
    this.value = body && body.value;
  }
}

let onUnauthorized = () => {};

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
  /** Called when the server refuses the token, so the console can ask for another. */
  whenUnauthorized: (handler) => { onUnauthorized = handler; },
};

export async function api(method, path, body, token = session.token()) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(BASE + path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { code: 'NETWORK', message: 'The server cannot be reached. Check that it is running.' });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { message: `The server answered ${response.status} with a body that is not JSON` };
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    // Only the session's own token going bad signs out; a token being tried at sign-in does not.
    if (response.status === 401 && token === session.token()) onUnauthorized(error);
    throw error;
  }
  return json;
}

/** Every item of a list, following `next` cursors (100 per page). */
export async function all(path, max = 50000) {
  const items = [];
  let after = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const cursor = after ? `&after=${encodeURIComponent(after)}` : '';
    const page = await api('GET', `${path}${sep}limit=100${cursor}`);
    items.push(...page.data);
    after = page.pagination.next;
  } while (after && items.length < max);
  return items;
}

export const enc = encodeURIComponent;
