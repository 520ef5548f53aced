// Executions: a live list (new executions and status changes arrive over
// the event stream) with filters kept in the URL.
import {h, replace, time, statusBadge, link, enc, errorBox, announce} from '../dom.js';
import {get, request, query} from '../api.js';
import {subscribe} from '../stream.js';

const STATUSES = ['requested', 'scheduled', 'delayed', 'running', 'succeeded', 'failed', 'timeout', 'abandoned',
  'canceling', 'canceled', 'pausing', 'paused', 'resuming', 'pending'];
const PAGE = 50;

export async function executionsPage(main, _params, q, current) {
  const f = {action: q.get('action') || '', status: q.get('status') || '', rule: q.get('rule') || '',
    trigger_type: q.get('trigger_type') || '', since: q.get('since') || '', until: q.get('until') || '',
    all: q.get('all') === '1'};
  const [actions, rules, types] = await Promise.all([get('/actions'), get('/rules'), get('/triggertypes')].map(p => p.catch(() => [])));
  if (!current()) return;
  const tbody = h('tbody', {});
  const more = h('div', {class: 'more'});
  const err = h('div', {});
  const filters = filterForm(f, actions, rules, types);
  replace(main, h('h1', {}, 'Executions'), filters, err,
    h('table', {class: 'list', id: 'executions'},
      h('caption', {class: 'visually-hidden'}, 'Executions, newest first; the list updates live'),
      h('thead', {}, h('tr', {}, ['Status', 'Action', 'Started', 'Elapsed', 'Rule', 'Trigger', 'ID'].map(t => h('th', {scope: 'col'}, t)))),
      tbody), more);
  const rows = new Map();
  const params = {action: f.action, status: f.status, rule: f.rule, trigger_type: f.trigger_type,
    timestamp_gt: toISO(f.since), timestamp_lt: toISO(f.until), parent: f.all ? '' : 'null', limit: PAGE,
    exclude_attributes: 'result'};
  const load = async (marker) => {
    try {
      const {data, headers} = await request('GET', '/executions' + query({...params, marker}));
      for (const x of data) upsert(tbody, rows, x, false);
      const next = headers.get('X-Next-Marker');
      replace(more, next ? h('button', {type: 'button', onclick: () => load(next)}, 'Load more') : null,
        rows.size === 0 ? h('p', {class: 'muted', id: 'no-executions'}, 'No executions match.') : null);
    } catch (e) {
      replace(err, errorBox(e));
    }
  };
  // Subscribe before listing, so that nothing between the two is missed.
  const unsubscribe = subscribe((name, x) => {
    if (!name.startsWith('st2.execution__') || !matches(f, x)) return;
    const isNew = !rows.has(x.id);
    upsert(tbody, rows, x, true);
    document.getElementById('no-executions')?.remove();
    if (isNew) announce(`New execution of ${x.action.ref}: ${x.status}`);
  });
  await load('');
  return unsubscribe;
}

// upsert adds or updates the row of x; live rows of new executions go on
// top, listed ones at the bottom.
function upsert(tbody, rows, x, live) {
  const old = rows.get(x.id);
  if (old && old.status && rank(old.status) > rank(x.status) && !live) return;
  const tr = h('tr', {'data-id': x.id, 'data-status': x.status},
    h('td', {}, statusBadge(x.status)),
    h('td', {}, link('/executions/' + enc(x.id), x.action.ref)),
    h('td', {}, time(x.start_timestamp)),
    h('td', {}, x.elapsed_seconds ? x.elapsed_seconds.toFixed(2) + ' s' : ''),
    h('td', {}, x.rule ? link('/rules/' + enc(x.rule.ref), x.rule.ref) : ''),
    h('td', {}, x.trigger_type ? x.trigger_type.ref : ''),
    h('td', {}, h('code', {}, x.id)));
  if (old) old.tr.replaceWith(tr);
  else if (live) tbody.prepend(tr);
  else tbody.append(tr);
  rows.set(x.id, {tr, status: x.status});
}

// rank orders statuses so that a listing fetched after an update cannot
// move a row back.
function rank(st) {
  return ['requested', 'scheduled', 'delayed', 'running'].includes(st) ? 0 : 1;
}

// matches applies the list's filters to a streamed record.
function matches(f, x) {
  if (f.action && x.action.ref !== f.action) return false;
  if (f.status && x.status !== f.status) return false;
  if (f.rule && (!x.rule || x.rule.ref !== f.rule)) return false;
  if (f.trigger_type && (!x.trigger_type || x.trigger_type.ref !== f.trigger_type)) return false;
  if (!f.all && x.parent) return false;
  const t = new Date(x.start_timestamp);
  if (f.since && t <= new Date(f.since)) return false;
  if (f.until && t >= new Date(f.until)) return false;
  return true;
}

function toISO(local) {
  if (!local) return '';
  const d = new Date(local);
  return isNaN(d) ? '' : d.toISOString();
}

function filterForm(f, actions, rules, types) {
  const sel = (id, label, opts, value) => h('div', {class: 'field'}, h('label', {for: id}, label),
    h('select', {id, name: id}, h('option', {value: ''}, 'any'), opts.map(o => h('option', {value: o, selected: o === value ? true : null}, o))));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter executions'},
    h('div', {class: 'field'}, h('label', {for: 'f-action'}, 'Action'),
      h('input', {id: 'f-action', name: 'action', list: 'f-action-list', value: f.action, autocomplete: 'off'}),
      h('datalist', {id: 'f-action-list'}, actions.map(a => h('option', {value: a.ref})))),
    sel('f-status', 'Status', STATUSES, f.status),
    sel('f-rule', 'Rule', rules.map(r => r.ref), f.rule),
    sel('f-trigger', 'Trigger type', types.map(t => t.ref), f.trigger_type),
    h('div', {class: 'field'}, h('label', {for: 'f-since'}, 'From'), h('input', {id: 'f-since', type: 'datetime-local', value: f.since})),
    h('div', {class: 'field'}, h('label', {for: 'f-until'}, 'To'), h('input', {id: 'f-until', type: 'datetime-local', value: f.until})),
    h('div', {class: 'field check'}, h('input', {id: 'f-all', type: 'checkbox', checked: f.all}), h('label', {for: 'f-all'}, 'Include workflow tasks')),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Filter'), h('a', {href: '#/executions', class: 'button'}, 'Clear')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = (id) => form.querySelector('#' + id).value;
    location.hash = '#/executions' + query({action: v('f-action').trim(), status: v('f-status'), rule: v('f-rule'),
      trigger_type: v('f-trigger'), since: v('f-since'), until: v('f-until'), all: form.querySelector('#f-all').checked ? '1' : ''});
  });
  return form;
}
