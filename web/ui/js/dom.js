// DOM helpers. Every text goes through text nodes, never parsed as HTML, so
// record contents cannot inject markup.

const SVG = 'http://www.w3.org/2000/svg';

// h builds an element: h('a', {href: '#/x', class: 'c'}, 'text', child...).
// Attributes starting with "on" are event listeners; null/false attributes
// are skipped; true sets an empty attribute.
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// s builds an SVG element the same way.
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el && el.namespaceURI !== SVG) el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// replace empties el and appends children.
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// time renders a timestamp in the browser's time zone.
export function time(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (isNaN(d)) return String(ts);
  return h('time', {datetime: d.toISOString(), title: d.toISOString()}, d.toLocaleString());
}

// json renders a value as indented JSON in a <pre>.
export function json(v, label) {
  return h('pre', {class: 'json', tabindex: 0, 'aria-label': label || null}, JSON.stringify(v, null, 2));
}

// statusBadge renders an execution or trigger instance status.
export function statusBadge(status) {
  return h('span', {class: 'badge st-' + String(status || 'unknown').replace(/[^a-z_]/g, '')}, status || 'unknown');
}

// errorBox renders an error (an APIError names its HTTP status).
export function errorBox(err) {
  return h('div', {class: 'error', role: 'alert'}, err && err.status ? `HTTP ${err.status}: ` : '', err && err.message || String(err));
}

// announce tells screen readers about a change.
export function announce(msg) {
  const el = document.getElementById('announce');
  if (el) el.textContent = msg;
}

// link to a route.
export function link(route, text, attrs) {
  return h('a', {href: '#' + route, ...(attrs || {})}, text);
}

// enc encodes one path segment or query value.
export const enc = encodeURIComponent;

// table renders rows with a header; cols are [title, fn(row) -> node].
export function table(caption, cols, rows, rowAttrs) {
  return h('table', {class: 'list'},
    h('caption', {class: caption.startsWith('!') ? 'visually-hidden' : null}, caption.replace(/^!/, '')),
    h('thead', {}, h('tr', {}, cols.map(([t]) => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {}, cols.map(([, f]) => h('td', {}, f(r)))))));
}
