// The admin API client. Same origin only; the bearer token (when the admin port is not on loopback the API wants
// one) lives in sessionStorage: it survives a reload of this tab and goes away with the tab.

const TOKEN_KEY = 'ewids.token';

export class AuthRequiredError extends Error {
  constructor() { super('The admin API needs a bearer token.'); this.name = 'AuthRequiredError'; }
}

export class ApiError extends Error {
  constructor(status, message) { super(message); this.name = 'ApiError'; this.status = status; }
}

const ACTOR_KEY = 'ewids.actor';

/** The analyst's name for the audit trail (sent as X-Ewids-Actor; the API records "admin" without it). */
export function getActor() { return localStorage.getItem(ACTOR_KEY) ?? ''; }
export function setActor(name) {
  if (name) localStorage.setItem(ACTOR_KEY, name); else localStorage.removeItem(ACTOR_KEY);
}

export function getToken() { return sessionStorage.getItem(TOKEN_KEY) ?? ''; }
export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const result = { Accept: 'application/json', ...extra };
  const token = getToken();
  if (token) result.Authorization = 'Bearer ' + token;
  const actor = getActor();
  // Header values must be printable ASCII-safe text; the API takes at most 64 characters.
  if (actor && /^[\x20-\x7e]{1,64}$/.test(actor)) result['X-Ewids-Actor'] = actor;
  return result;
}

async function errorFrom(response) {
  if (response.status === 401) return new AuthRequiredError();
  let detail = '';
  try {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      const body = await response.json();
      detail = body.detail ?? body.title ?? body.error ?? body.message ?? '';
    } else {
      detail = (await response.text()).slice(0, 300);
    }
  } catch { /* the status says enough */ }
  return new ApiError(response.status, `${response.status} ${response.statusText}${detail ? ': ' + detail : ''}`);
}

export async function request(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }), cache: 'no-store' };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : null;
}

export const get = (path) => request('GET', path);

/** '/api/alerts' + ?query from an object, skipping empty values; arrays repeat the key. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) value.forEach((v) => query.append(key, String(v)));
    else if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Follows a server-sent-events stream with fetch (EventSource cannot send the Authorization header) and calls
 * onEvent(type, data) per event (onOpen() once the stream is accepted). Resolves when the stream ends; rejects with ApiError(404) when there is no
 * stream, so the caller can poll instead.
 */
export async function followStream(path, onEvent, signal, onOpen) {
  const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), cache: 'no-store', signal });
  if (!response.ok) throw await errorFrom(response);
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
    throw new ApiError(415, 'not an event stream');
  }
  onOpen?.();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let type = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length) onEvent(type, data.join('\n'));
        type = 'message';
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      } else if (line.startsWith('event:')) {
        type = line.slice(6).trim();
      }
    }
    if (buffer.length > 1 << 20) throw new ApiError(0, 'event stream line too long');
  }
}

/**
 * Downloads path (an export) with the token, as a file named fileName. A plain link could not send the
 * Authorization header; the response becomes a blob: URL of our own origin, used once and revoked.
 */
export async function download(path, fileName) {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }), cache: 'no-store' });
  if (!response.ok) throw await errorFrom(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const anchor = document.createElement('a');
    anchor.href = url; // our own blob: URL, not data
    anchor.download = fileName;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
