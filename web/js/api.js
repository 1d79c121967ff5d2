// api.js - calls to the JSON API (docs/api.md). Every failure becomes an ApiError
// carrying the status, the message and, when the server gives them, the per-field
// messages (400) or the CSV errors with their line and column (422).

export class ApiError extends Error {
  constructor(status, message, fields, errors) {
    super(message);
    this.status = status;
    this.fields = fields || {};
    this.errors = errors || [];
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function request(method, path, body, type) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = type || 'application/json';
    init.body = type ? body : JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api' + path, init);
  } catch (e) {
    throw new ApiError(0, e.message);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const e = (data && data.error) || {};
    throw new ApiError(res.status, e.message || res.statusText || String(res.status), e.fields, e.errors);
  }
  return data;
}

export const api = {
  get: (path, params) => request('GET', path + query(params)),
  post: (path, body) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  put: (path, body) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
  csv: (path, params, text) => request('POST', path + query(params), text, 'text/csv'),
};

// Every page of a list endpoint, up to LIMIT items.
export async function all(path, params, limit = 5000) {
  const items = [];
  for (let page = 1; items.length < limit; page++) {
    const r = await api.get(path, { ...params, page, per_page: 500 });
    items.push(...r.items);
    if (r.items.length === 0 || items.length >= r.total) break;
  }
  return items;
}

// Every page of a GeoJSON endpoint that pages (GET /api/geo/links: total, page and
// per_page beside the features), up to LIMIT features, as one collection.
export async function allFeatures(path, params, limit = 20000) {
  const features = [];
  for (let page = 1; ; page++) {
    const r = await api.get(path, { ...params, page, per_page: 2000 });
    features.push(...(r.features || []));
    if (!r.total || page * r.per_page >= r.total || features.length >= limit) {
      return { type: 'FeatureCollection', features, total: r.total || 0 };
    }
  }
}

export const enc = encodeURIComponent;
