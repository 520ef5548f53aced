// A trace: every trigger instance, rule and execution that share a trace
// tag, each with what caused it, so a chain of causes can be followed
// both ways.
import {h, replace, link, enc, time, table} from '../dom.js';
import {get} from '../api.js';

const ROUTES = {trigger_instance: '/triggerinstances/', action_execution: '/executions/', rule: '/rules/'};

export async function tracePage(main, [id], _q, current) {
  const tr = await get('/traces/' + enc(id));
  if (!current()) return;
  const cause = (c) => {
    if (!c.caused_by) return h('span', {class: 'muted'}, 'origin');
    const {type, id: cid} = c.caused_by;
    const target = type === 'rule' ? cid.split(':')[0] : cid;
    return [type.replace('_', ' '), ' ', ROUTES[type] ? link(ROUTES[type] + enc(target), target) : h('code', {}, cid)];
  };
  const part = (title, rows, route) => h('section', {}, h('h2', {}, title),
    rows && rows.length ? table('!' + title, [
      ['Record', c => route ? link(route + enc(route === '/rules/' ? c.ref : c.object_id), c.ref || c.object_id) : c.object_id],
      ['ID', c => h('code', {}, c.object_id)],
      ['Caused by', cause],
      ['Updated', c => time(c.updated_at)],
    ], rows) : h('p', {class: 'muted'}, 'None.'));
  replace(main, h('h1', {}, 'Trace ', h('code', {}, tr.trace_tag || tr.id)),
    h('p', {class: 'muted'}, 'Started ', time(tr.start_timestamp), ' · id ', h('code', {}, tr.id)),
    part('Trigger instances', tr.trigger_instances, '/triggerinstances/'),
    part('Rules', tr.rules, '/rules/'),
    part('Executions', tr.action_executions, '/executions/'));
}
