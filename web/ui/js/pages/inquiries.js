// Inquiries: questions paused workflows ask; answered with a form built
// from the inquiry's schema.
import {h, replace, link, enc, json, time, table, statusBadge, errorBox} from '../dom.js';
import {get, put} from '../api.js';
import {subscribe} from '../stream.js';
import {buildForm, fieldsFromSchema} from '../form.js';

export async function inquiriesPage(main, _p, q, current) {
  const all = q.get('status') === 'all';
  const box = h('div', {id: 'inquiry-list'});
  const err = h('div', {});
  // An inquiry is asked, answered or expires with its inquirer execution
  // (core.ask): reload the list when one changes (subscribed before the
  // first load, so nothing in between is missed), and every few seconds
  // as a backstop.
  const load = async () => {
    try {
      const list = await get('/inquiries' + (all ? '?status=all' : ''));
      if (!current()) return;
      replace(err);
      replace(box, list.length ? table(all ? 'All inquiries' : 'Pending inquiries', [
        ['Asked', i => time(i.created_at)],
        ['Inquiry', i => link('/inquiries/' + enc(i.id), i.id)],
        ['Status', i => statusBadge(i.status)],
        ['Expects', i => Object.keys((i.schema && i.schema.properties) || {}).join(', ')],
        ['Answered by', i => i.responded_by || ''],
      ], list) : h('p', {class: 'muted', id: 'no-inquiries'}, all ? 'No inquiries.' : 'No pending inquiries.'));
    } catch (e) {
      replace(err, errorBox(e));
    }
  };
  let timer = null;
  const unsubscribe = subscribe((name, x) => {
    if (!name.startsWith('st2.execution__') || !x.runner || x.runner.name !== 'inquirer' || timer) return;
    timer = setTimeout(() => { timer = null; load(); }, 200);
  });
  const poll = setInterval(load, 5000);
  replace(main, h('h1', {}, 'Inquiries'),
    h('p', {}, all ? link('/inquiries', 'Show pending only') : link('/inquiries?status=all', 'Show answered and expired too')),
    err, box);
  await load();
  return () => { unsubscribe(); clearTimeout(timer); clearInterval(poll); };
}

export async function inquiryPage(main, [id], _q, current) {
  const inq = await get('/inquiries/' + enc(id));
  if (!current()) return;
  const pending = inq.status === 'pending';
  const form = pending ? buildForm({fields: fieldsFromSchema(inq.schema), submitLabel: 'Respond', idPrefix: 'inq',
    onSubmit: async (response) => {
      await put('/inquiries/' + enc(id), {id, response});
      location.hash = '#/executions/' + enc(id);
    }}) : null;
  replace(main, h('h1', {}, 'Inquiry ', h('code', {}, inq.id), ' ', statusBadge(inq.status)),
    h('dl', {class: 'facts'}, h('dt', {}, 'Asked'), h('dd', {}, time(inq.created_at)),
      h('dt', {}, 'Execution'), h('dd', {}, link('/executions/' + enc(inq.id), inq.id)),
      inq.ttl ? [h('dt', {}, 'Expires after'), h('dd', {}, inq.ttl + ' min')] : null,
      (inq.users || []).length ? [h('dt', {}, 'Users'), h('dd', {}, inq.users.join(', '))] : null,
      (inq.roles || []).length ? [h('dt', {}, 'Roles'), h('dd', {}, inq.roles.join(', '))] : null),
    pending ? h('section', {'aria-labelledby': 's-answer'}, h('h2', {id: 's-answer'}, 'Answer'), form)
      : h('section', {}, h('h2', {}, 'Response'), inq.response ? json(inq.response, 'Response') : h('p', {class: 'muted'}, 'None.'),
        inq.responded_by ? h('p', {}, 'By ', inq.responded_by, ' at ', time(inq.responded_at)) : null),
    h('details', {}, h('summary', {}, 'Schema'), json(inq.schema, 'Schema')));
}
