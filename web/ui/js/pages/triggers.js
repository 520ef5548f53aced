// Trigger instances: the events rules were matched against, live, and
// each one's enforcements and the executions they started.
import {h, replace, link, enc, errorBox, json, time, table, statusBadge} from '../dom.js';
import {get, post, request, query} from '../api.js';
import {subscribe} from '../stream.js';

export async function triggerInstancesPage(main, _p, q, current) {
  const trigger = q.get('trigger') || '';
  const types = await get('/triggertypes').catch(() => []);
  if (!current()) return;
  const tbody = h('tbody', {});
  const more = h('div', {class: 'more'});
  const err = h('div', {});
  const sel = h('select', {id: 'ti-trigger'}, h('option', {value: ''}, 'any'),
    types.map(t => h('option', {value: t.ref, selected: t.ref === trigger ? true : null}, t.ref)));
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter trigger instances'},
    h('div', {class: 'field'}, h('label', {for: 'ti-trigger'}, 'Trigger type'), sel),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Filter')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = '#/triggerinstances' + query({trigger: sel.value}); });
  const seen = new Set();
  const row = (t) => h('tr', {'data-id': t.id}, h('td', {}, time(t.occurrence_time)), h('td', {}, t.trigger),
    h('td', {}, statusBadge(t.status)), h('td', {}, link('/triggerinstances/' + enc(t.id), t.id)),
    h('td', {}, h('code', {class: 'clip'}, JSON.stringify(t.payload))));
  replace(main, h('h1', {}, 'Trigger instances'), form, err,
    h('table', {class: 'list'}, h('caption', {class: 'visually-hidden'}, 'Trigger instances, newest first'),
      h('thead', {}, h('tr', {}, ['Occurred', 'Trigger', 'Status', 'ID', 'Payload'].map(t => h('th', {scope: 'col'}, t)))), tbody), more);
  const load = async (marker) => {
    try {
      const {data, headers} = await request('GET', '/triggerinstances' + query({trigger, limit: 50, marker}));
      for (const t of data) if (!seen.has(t.id)) { seen.add(t.id); tbody.append(row(t)); }
      const next = headers.get('X-Next-Marker');
      replace(more, next ? h('button', {type: 'button', onclick: () => load(next)}, 'Load more') : null);
    } catch (e) { replace(err, errorBox(e)); }
  };
  await load('');
  return subscribe((name, t) => {
    const known = name === 'st2.trigger_instances_dispatch__trigger_instance' || name === 'st2.trigger_instance__update';
    if (!known || (trigger && t.trigger !== trigger)) return;
    const old = tbody.querySelector(`tr[data-id="${CSS.escape(t.id)}"]`);
    if (old) old.replaceWith(row(t)); else { seen.add(t.id); tbody.prepend(row(t)); }
  });
}

export async function triggerInstancePage(main, [id], _q, current) {
  const [t, enf] = await Promise.all([get('/triggerinstances/' + enc(id)),
    get('/ruleenforcements?trigger_instance=' + enc(id)).catch(e => e)]);
  if (!current()) return;
  const msg = h('div', {id: 're-emit-result', 'aria-live': 'polite'});
  const reEmit = h('button', {type: 'button', id: 'btn-re-emit', onclick: async () => {
    replace(msg, h('p', {class: 'muted'}, 'Re-emitting…'));
    try {
      const r = await post('/triggerinstances/' + enc(t.id) + '/re_emit', {});
      replace(msg, h('p', {class: 'ok', role: 'status'}, r.message || 'Re-emitted.', ' ',
        r.trigger_instance_id ? link('/triggerinstances/' + enc(r.trigger_instance_id), 'the new trigger instance') : ''));
    } catch (e) { replace(msg, errorBox(e)); }
  }}, 'Re-emit');
  replace(main, h('h1', {}, 'Trigger instance ', h('code', {}, t.id)),
    h('div', {class: 'controls'}, reEmit), msg,
    h('dl', {class: 'facts'}, h('dt', {}, 'Trigger'), h('dd', {}, t.trigger), h('dt', {}, 'Occurred'), h('dd', {}, time(t.occurrence_time)),
      h('dt', {}, 'Status'), h('dd', {}, statusBadge(t.status))),
    h('section', {}, h('h2', {}, 'Payload'), json(t.payload, 'Payload')),
    h('section', {}, h('h2', {}, 'Rules it fired'), enf instanceof Error ? errorBox(enf) : enf.length ? table('!Enforcements', [
      ['Rule', e => link('/rules/' + enc(e.rule.ref), e.rule.ref)],
      ['Enforced', e => time(e.enforced_at)],
      ['Execution', e => e.execution_id ? link('/executions/' + enc(e.execution_id), e.execution_id) : ''],
      ['Status', e => e.status || ''],
      ['Failure', e => e.failure_reason || ''],
    ], enf) : h('p', {class: 'muted'}, 'No rule matched.')),
    h('section', {}, h('h2', {}, 'Test against a rule'),
      h('p', {}, 'Open a rule and paste this instance into its tester: ', h('code', {class: 'clip'}, JSON.stringify({trigger: t.trigger, payload: t.payload})))));
}
