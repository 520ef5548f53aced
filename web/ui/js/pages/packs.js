// Packs: what is loaded.
import {h, replace, link, enc, table} from '../dom.js';
import {get} from '../api.js';

export async function packsPage(main, _p, _q, current) {
  const packs = await get('/packs');
  if (!current()) return;
  replace(main, h('h1', {}, 'Packs'), table('Loaded packs', [
    ['Pack', p => h('strong', {}, p.ref)],
    ['Version', p => p.version || ''],
    ['Description', p => p.description || ''],
    ['Author', p => p.author || ''],
    ['', p => link('/actions?pack=' + enc(p.ref), 'actions')],
  ], packs));
}
