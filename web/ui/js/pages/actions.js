// Actions: browse by pack; an action's page has a run form generated from
// its parameter schema.
import {h, replace, link, enc, errorBox} from '../dom.js';
import {get, post} from '../api.js';
import {buildForm, fieldsFromParams} from '../form.js';

export async function actionsPage(main, _p, q, current) {
  const actions = await get('/actions' + (q.get('pack') ? '?pack=' + enc(q.get('pack')) : ''));
  if (!current()) return;
  const filter = h('input', {id: 'action-filter', type: 'search', placeholder: 'ref or description', autocomplete: 'off'});
  const list = h('div', {});
  const draw = () => {
    const term = filter.value.trim().toLowerCase();
    const byPack = new Map();
    for (const a of actions) {
      if (term && !(a.ref + ' ' + (a.description || '')).toLowerCase().includes(term)) continue;
      if (!byPack.has(a.pack)) byPack.set(a.pack, []);
      byPack.get(a.pack).push(a);
    }
    replace(list, byPack.size ? [...byPack].sort(([a], [b]) => a.localeCompare(b)).map(([pack, as]) =>
      h('section', {'aria-labelledby': 'pack-' + pack}, h('h2', {id: 'pack-' + pack}, pack),
        h('ul', {class: 'cards'}, as.sort((a, b) => a.name.localeCompare(b.name)).map(a => h('li', {},
          link('/actions/' + enc(a.ref), a.ref), ' ', h('span', {class: 'tag'}, a.runner_type),
          a.enabled ? '' : h('span', {class: 'tag off'}, 'disabled'),
          h('p', {class: 'muted'}, a.description || '')))))) : h('p', {class: 'muted'}, 'No actions match.'));
  };
  filter.addEventListener('input', draw);
  replace(main, h('h1', {}, 'Actions'),
    h('div', {class: 'field inline'}, h('label', {for: 'action-filter'}, 'Filter'), filter), list);
  draw();
}

export async function actionPage(main, [ref], q, current) {
  const a = await get('/actions/' + enc(ref));
  let from = null;
  if (q.get('from')) from = await get('/executions/' + enc(q.get('from'))).catch(() => null);
  if (!current()) return;
  const fields = fieldsFromParams(a.parameters);
  if (from && from.parameters) {
    for (const f of fields) {
      const v = from.parameters[f.name];
      if (v !== undefined && v !== '********') { f.def = v; f.hasDefault = true; }
    }
  }
  const form = buildForm({fields, submitLabel: 'Run ' + a.ref, idPrefix: 'run',
    onSubmit: async (parameters) => {
      const x = await post('/executions', {action: a.ref, parameters});
      location.hash = '#/executions/' + enc(x.id);
    }});
  const graphLink = ['orquesta', 'action-chain'].includes(a.runner_type);
  const immutable = Object.entries(a.parameters || {}).filter(([, p]) => p.immutable);
  replace(main, h('h1', {}, a.ref),
    h('p', {}, a.description || ''),
    h('dl', {class: 'facts'}, h('dt', {}, 'Pack'), h('dd', {}, link('/actions?pack=' + enc(a.pack), a.pack)),
      h('dt', {}, 'Runner'), h('dd', {}, a.runner_type),
      a.entry_point ? [h('dt', {}, 'Entry point'), h('dd', {}, h('code', {}, a.entry_point))] : null,
      h('dt', {}, 'Executions'), h('dd', {}, link('/executions?action=' + enc(a.ref) + '&all=1', 'recent executions'))),
    h('section', {'aria-labelledby': 's-run'}, h('h2', {id: 's-run'}, 'Run'),
      from ? h('p', {class: 'muted'}, 'Prefilled from execution ', link('/executions/' + enc(from.id), from.id), '; secrets must be given again.') : null,
      form),
    immutable.length ? h('section', {}, h('h2', {}, 'Fixed parameters'),
      h('ul', {}, immutable.map(([n, p]) => h('li', {}, h('code', {}, n), ' = ', h('code', {}, p.secret ? '********' : JSON.stringify(p.default)))))) : null,
    graphLink ? h('section', {'aria-labelledby': 's-wf'}, h('h2', {id: 's-wf'}, 'Workflow'), h('div', {id: 'action-graph'})) : null);
  if (graphLink) {
    const {render} = await import('../graph.js');
    try {
      const g = await get('/actions/' + enc(a.ref) + '/graph');
      replace(main.querySelector('#action-graph'), render(g, new Map(), 'Task graph of ' + a.ref));
    } catch (e) {
      replace(main.querySelector('#action-graph'), errorBox(e));
    }
  }
}
