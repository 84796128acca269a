// The only way the console talks to the service: the public REST API, same origin, with the signed-in user's
// bearer token. The tokens live in this module's memory and nowhere else (no web storage of any kind, no
// cookie, no URL): reloading the page signs out, which is the price of a token no other script can read back.

const ROLE_RANK = {VIEWER: 1, OPERATOR: 2, ADMIN: 3};
// Refresh this long before the access token expires, so that a request in flight never carries an expired token.
const REFRESH_MARGIN_SECONDS = 30;

let session = null;
let refreshTimer = null;
let refreshing = null;
const listeners = new Set();

/** An answer other than 2xx: status and the RFC 9457 problem body (title, detail, code, ...) when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The service answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
  }

  get code() {
    return this.problem.code;
  }
}

export const auth = {
  get user() {
    return session ? {name: session.username, role: session.role} : null;
  },

  /** Whether the signed-in user's role includes {@code role} (ADMIN includes OPERATOR includes VIEWER). */
  may(role) {
    return !!session && (ROLE_RANK[session.role] ?? 0) >= (ROLE_RANK[role] ?? 99);
  },

  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  async signIn(username, password) {
    const tokens = await call('POST', '/api/v1/auth/login', {json: {username, password}, anonymous: true});
    start(tokens);
  },

  async signOut() {
    const ending = session;
    if (ending) {
      try {
        await call('POST', '/api/v1/auth/logout', {json: {refreshToken: ending.refreshToken}});
      } catch {
        // Signed out here either way; the service ends the tokens at their expiry.
      }
    }
    end();
  },

  /** Forgets the session without asking the service (it already refused the token). */
  expire() {
    end();
  },
};

function start(tokens) {
  session = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    username: tokens.username,
    role: tokens.role,
  };
  scheduleRefresh(tokens.expiresIn);
  listeners.forEach((listener) => listener(auth.user));
}

function end() {
  const wasSignedIn = session !== null;
  session = null;
  clearTimeout(refreshTimer);
  refreshTimer = null;
  if (wasSignedIn) listeners.forEach((listener) => listener(null));
}

function scheduleRefresh(expiresInSeconds) {
  clearTimeout(refreshTimer);
  const delay = Math.max(5, expiresInSeconds - REFRESH_MARGIN_SECONDS, expiresInSeconds * 0.5);
  refreshTimer = setTimeout(() => refresh().catch(() => end()), Math.min(delay, expiresInSeconds) * 1000);
}

/** One refresh at a time: concurrent callers share it (the refresh token is single-use). */
function refresh() {
  if (!session) return Promise.reject(new ApiError(401));
  refreshing ??= call('POST', '/api/v1/auth/refresh', {json: {refreshToken: session.refreshToken}, anonymous: true})
    .then((tokens) => {
      session = {...session, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken};
      scheduleRefresh(tokens.expiresIn);
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * Calls the API. options: json (a body sent as JSON), form (FormData, for uploads), query (object of parameters,
 * empty ones left out), blob (answer read as a Blob), signal (AbortSignal). Resolves with the parsed body (null for
 * 204) and rejects with ApiError. A 401 on a signed-in call refreshes the token once and repeats the call.
 */
export async function api(method, path, options = {}) {
  try {
    return await call(method, path, options);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || options.anonymous || !session) throw error;
    try {
      await refresh();
    } catch {
      end();
      throw error;
    }
    return call(method, path, options);
  }
}

async function call(method, path, {json, form, query, blob, signal, anonymous} = {}) {
  const headers = {Accept: blob ? '*/*' : 'application/json, application/problem+json'};
  if (session && !anonymous) headers.Authorization = `Bearer ${session.accessToken}`;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;
  }
  const response = await fetch(withQuery(path, query), {
    method, headers, body, signal, credentials: 'omit', cache: 'no-store', redirect: 'error',
  });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (response.status === 204) return null;
  if (blob) return response.blob();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function withQuery(path, query) {
  if (!query) return path;
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response) {
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) return await response.json();
  } catch {
    // A body that is not JSON: the status says enough.
  }
  return {title: response.statusText || `HTTP ${response.status}`};
}
