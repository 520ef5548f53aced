// Packs: what is loaded, and reloading them without a restart.
import {h, replace, link, enc, table, errorBox} from '../dom.js';
import {get, post} from '../api.js';

export async function packsPage(main, _p, _q, current) {
  const packs = await get('/packs');
  if (!current()) return;
  const msg = h('div', {id: 'reload-result', 'aria-live': 'polite'});
  const reload = h('button', {type: 'button', id: 'btn-reload', onclick: async () => {
    reload.disabled = true;
    replace(msg, h('p', {class: 'muted'}, 'Reloading…'));
    try {
      const r = await post('/packs/reload', {});
      replace(msg, h('p', {class: 'ok', role: 'status'}, 'Reloaded: ', (r.packs || []).join(', '), '.'));
    } catch (e) {
      replace(msg, errorBox(e));
    } finally {
      reload.disabled = false;
    }
  }}, 'Reload packs');
  replace(main, h('h1', {}, 'Packs'), h('div', {class: 'controls'}, reload), msg,
    table('Loaded packs', [
      ['Pack', p => h('strong', {}, p.ref)],
      ['Version', p => p.version || ''],
      ['Description', p => p.description || ''],
      ['Author', p => p.author || ''],
      ['', p => link('/actions?pack=' + enc(p.ref), 'actions of ' + p.ref)],
    ], packs));
}
