// The key-value datastore: list, set and delete items. Secret values are
// never shown (the UI never asks the API to decrypt).
import {h, replace, enc, errorBox, time, table} from '../dom.js';
import {get, put, del, query} from '../api.js';
import {buildForm} from '../form.js';

export async function keysPage(main, _p, q, current) {
  const scope = q.get('scope') || '';
  const items = await get('/keys' + query({scope, limit: 500}));
  if (!current()) return;
  const msg = h('div', {'aria-live': 'assertive'});
  const refresh = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const form = buildForm({idPrefix: 'kv', submitLabel: 'Save', fields: [
    {name: 'name', type: 'string', required: true, description: 'Key name, e.g. smtp_host.'},
    {name: 'value', type: 'string', required: true, description: 'Stored encrypted when secret.'},
    {name: 'secret', type: 'boolean', hasDefault: true, def: false, description: 'Encrypt it and never show it.'},
    {name: 'scope', type: 'string', enum: ['st2kv.system', 'st2kv.user'], hasDefault: true, def: 'st2kv.system', required: true},
  ], onSubmit: async (v) => {
    await put('/keys/' + enc(v.name), {name: v.name, value: v.value, secret: !!v.secret, scope: v.scope || 'st2kv.system'});
    refresh();
  }});
  // The value field holds secrets too: make it a password field when secret is ticked.
  const secretBox = form.querySelector('#kv-secret'), valueBox = form.querySelector('#kv-value');
  secretBox.addEventListener('change', () => { valueBox.type = secretBox.checked ? 'password' : 'text'; });
  replace(main, h('h1', {}, 'Datastore'),
    h('p', {}, 'Scope: ', ['', 'st2kv.system', 'st2kv.user'].map(s => [h('a', {href: '#/keys' + query({scope: s}), 'aria-current': s === scope ? 'page' : null}, s || 'all'), ' '])),
    msg,
    items.length ? table('Key-value items', [
      ['Name', k => h('code', {}, k.name)],
      ['Scope', k => k.scope + (k.user ? ' (' + k.user + ')' : '')],
      ['Value', k => k.secret ? h('span', {class: 'tag secret'}, 'secret, hidden') : h('code', {class: 'clip'}, k.value)],
      ['Expires', k => time(k.expire_timestamp)],
      ['', k => h('button', {type: 'button', class: 'link danger', 'aria-label': 'Delete ' + k.name, onclick: async () => {
        try { await del('/keys/' + enc(k.name) + query({scope: k.scope, user: k.user})); refresh(); } catch (e) { replace(msg, errorBox(e)); }
      }}, 'Delete')],
    ], items) : h('p', {class: 'muted'}, 'No items.'),
    h('section', {'aria-labelledby': 's-set'}, h('h2', {id: 's-set'}, 'Set an item'), form));
}
