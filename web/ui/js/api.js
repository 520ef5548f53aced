// The REST API client: /api/v1 on the server that serves the UI, or the
// base URL in <meta name="stormless-api">. The API key, when the server
// asks for one, lives in sessionStorage only (gone when the tab closes).

const KEY = 'stormless.apiKey';
const meta = document.querySelector('meta[name="stormless-api"]');
export const BASE = ((meta && meta.content) || '').replace(/\/$/, '');

export function apiKey() { return sessionStorage.getItem(KEY) || ''; }
export function setApiKey(k) {
  if (k) sessionStorage.setItem(KEY, k); else sessionStorage.removeItem(KEY);
  window.dispatchEvent(new Event('stormless:auth'));
}

// APIError is an answer other than 2xx: status and the API's faultstring.
export class APIError extends Error {
  constructor(status, message, path) {
    super(message);
    this.status = status;
    this.path = path;
  }
}

// request sends one request and returns {data, headers}; data is parsed
// JSON (or text for text/plain). Non-2xx answers throw an APIError; 401
// also announces that a key is needed (stormless:unauthorized).
export async function request(method, path, body) {
  const headers = {Accept: 'application/json'};
  const key = apiKey();
  if (key) headers['St2-Api-Key'] = key;
  const init = {method, headers};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(BASE + '/api/v1' + path, init);
  } catch (e) {
    throw new APIError(0, 'cannot reach the API: ' + e.message, path);
  }
  const text = await res.text();
  let data = text;
  if ((res.headers.get('Content-Type') || '').includes('json') && text) {
    try { data = JSON.parse(text); } catch { /* keep the text */ }
  }
  if (!res.ok) {
    const msg = data && data.faultstring ? data.faultstring : (text || res.statusText);
    if (res.status === 401) window.dispatchEvent(new CustomEvent('stormless:unauthorized', {detail: msg}));
    throw new APIError(res.status, msg, path);
  }
  return {data, headers: res.headers};
}

export const get = async (path) => (await request('GET', path)).data;
export const post = async (path, body) => (await request('POST', path, body)).data;
export const put = async (path, body) => (await request('PUT', path, body)).data;
export const del = async (path) => (await request('DELETE', path)).data;

// query builds "?a=b&..." from an object, skipping empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== undefined && v !== null) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

// streamURL is the event stream's URL; EventSource cannot send headers,
// so the key goes in st2-api-key.
export function streamURL() {
  const key = apiKey();
  return BASE + '/stream/v1/stream' + (key ? '?st2-api-key=' + encodeURIComponent(key) : '');
}
