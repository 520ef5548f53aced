// Rules: enabled state, the compiled EventBridge pattern beside the
// residual criteria, recent enforcements, and a rule tester.
import {h, replace, link, enc, errorBox, json, time, table} from '../dom.js';
import {get, post} from '../api.js';

export async function rulesPage(main, _p, _q, current) {
  const rules = await get('/rules');
  if (!current()) return;
  replace(main, h('h1', {}, 'Rules'),
    table('Rules', [
      ['Rule', r => link('/rules/' + enc(r.ref), r.ref)],
      ['Enabled', r => h('span', {class: 'tag ' + (r.enabled ? 'on' : 'off')}, r.enabled ? 'enabled' : 'disabled')],
      ['Trigger', r => r.trigger.type],
      ['Action', r => link('/actions/' + enc(r.action.ref), r.action.ref)],
      ['Compiled', r => r.compile_error ? h('span', {class: 'tag off'}, 'error') : (r.exact ? 'pattern only' : `pattern + ${(r.residual || []).length} residual`)],
      ['Description', r => r.description || ''],
    ], rules));
}

export async function rulePage(main, [ref], _q, current) {
  const [r, enf] = await Promise.all([get('/rules/' + enc(ref)), get('/ruleenforcements?rule_ref=' + enc(ref) + '&limit=10').catch(e => e)]);
  if (!current()) return;
  const sample = {trigger: r.trigger.type, payload: r.trigger.type === 'core.st2.webhook' ? {headers: {}, body: {}} : {}};
  const input = h('textarea', {id: 'rule-test-input', rows: 8, spellcheck: 'false', 'aria-describedby': 'rule-test-help rule-test-error'},
    JSON.stringify(sample, null, 2));
  const inputErr = h('p', {id: 'rule-test-error', class: 'field-error'});
  const out = h('div', {id: 'rule-test-result', 'aria-live': 'polite'});
  const form = h('form', {class: 'rule-test'},
    h('div', {class: 'field'}, h('label', {for: 'rule-test-input'}, 'Trigger instance (JSON)'), input,
      h('p', {id: 'rule-test-help', class: 'help'}, '{"trigger": TYPE, "payload": {...}} as StackStorm records it, or a whole EventBridge event. Nothing is recorded or run.'),
      inputErr),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Test')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    inputErr.textContent = '';
    input.removeAttribute('aria-invalid');
    let body;
    try { body = JSON.parse(input.value); } catch (e) {
      inputErr.textContent = 'Not JSON: ' + e.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    try {
      replace(out, testResult(await post('/rules/' + enc(ref) + '/test', body)));
    } catch (e) {
      inputErr.textContent = e.message;
      input.setAttribute('aria-invalid', 'true');
      replace(out, errorBox(e));
    }
  });
  replace(main, h('h1', {}, r.ref, ' ', h('span', {class: 'tag ' + (r.enabled ? 'on' : 'off')}, r.enabled ? 'enabled' : 'disabled')),
    h('p', {}, r.description || ''),
    h('dl', {class: 'facts'}, h('dt', {}, 'Trigger'), h('dd', {}, r.trigger.type, r.trigger.parameters ? [' ', h('code', {}, JSON.stringify(r.trigger.parameters))] : ''),
      h('dt', {}, 'Action'), h('dd', {}, link('/actions/' + enc(r.action.ref), r.action.ref)),
      h('dt', {}, 'Executions'), h('dd', {}, link('/executions?rule=' + enc(r.ref), 'executions this rule caused'))),
    r.compile_error ? h('div', {class: 'error', role: 'alert'}, 'Compile error: ', r.compile_error) : null,
    h('div', {class: 'grid2'},
      h('section', {'aria-labelledby': 's-pattern'}, h('h2', {id: 's-pattern'}, 'EventBridge pattern'),
        r.event_pattern ? json(r.event_pattern, 'EventBridge pattern') : h('p', {class: 'muted'}, 'none')),
      h('section', {'aria-labelledby': 's-residual'}, h('h2', {id: 's-residual'}, 'Residual criteria'),
        h('p', {class: 'muted'}, r.exact ? 'None: the pattern decides exactly.' : 'Checked with StackStorm\'s semantics after the pattern matched.'),
        (r.residual || []).length ? json(r.residual, 'Residual criteria') : null)),
    h('section', {'aria-labelledby': 's-criteria'}, h('h2', {id: 's-criteria'}, 'Criteria'),
      r.criteria ? json(r.criteria, 'Criteria') : h('p', {class: 'muted'}, 'No criteria: every instance of the trigger fires the rule.')),
    h('section', {'aria-labelledby': 's-test'}, h('h2', {id: 's-test'}, 'Test this rule'), form),
    h('section', {'aria-labelledby': 's-enf'}, h('h2', {id: 's-enf'}, 'Recent enforcements'),
      enf instanceof Error ? errorBox(enf) : enf.length ? table('!Recent enforcements', [
        ['Enforced', e => time(e.enforced_at)],
        ['Trigger instance', e => e.trigger_instance_id ? link('/triggerinstances/' + enc(e.trigger_instance_id), e.trigger_instance_id) : ''],
        ['Execution', e => e.execution_id ? link('/executions/' + enc(e.execution_id), e.execution_id) : ''],
        ['Status', e => e.status || ''],
        ['Failure', e => e.failure_reason || ''],
      ], enf) : h('p', {class: 'muted'}, 'None yet.')));
}

function testResult(res) {
  const yes = (b, t, f) => h('span', {class: 'tag ' + (b ? 'on' : 'off')}, b ? t : f);
  return h('div', {class: 'test-result'},
    h('p', {class: 'verdict'}, 'Rule ', h('strong', {}, res.rule), ': ', yes(res.match, 'matches', 'does not match')),
    h('ul', {}, h('li', {}, 'Trigger ', res.trigger_type, ': ', yes(res.trigger_match, 'matches', 'does not match (source, detail-type or trigger parameters)')),
      h('li', {}, 'Event pattern: ', yes(res.pattern_match, 'matches', 'does not match')),
      res.reason ? h('li', {}, 'Note: ', res.reason) : null),
    (res.criteria || []).length ? table('Criteria, one by one', [
      ['Key', c => h('code', {}, c.key)],
      ['Operator', c => c.type],
      ['Pattern', c => h('code', {}, JSON.stringify(c.pattern))],
      ['Value found', c => c.found ? h('code', {}, JSON.stringify(c.value)) : h('span', {class: 'muted'}, 'absent')],
      ['Verdict', c => yes(c.match, 'match', 'no match')],
      ['Decided by', c => c.decided_by || ''],
      ['Error', c => c.error || ''],
    ], res.criteria) : h('p', {class: 'muted'}, 'No criteria.'));
}
