// One execution: parameters (masked by the API), status timeline, output
// streaming while it runs, result, the workflow picture and task tree,
// controls, and the trace back to the trigger instance and rule.
import {h, replace, time, statusBadge, link, enc, errorBox, json, announce} from '../dom.js';
import {get, post, put, del, request} from '../api.js';
import {subscribe} from '../stream.js';
import {render as renderGraph, taskStatuses, taskName} from '../graph.js';

const FINAL = new Set(['succeeded', 'failed', 'timeout', 'abandoned', 'canceled']);
const WORKFLOW_RUNNERS = new Set(['orquesta', 'action-chain']);

export async function executionPage(main, [id], _q, current) {
  let x = await get('/executions/' + enc(id));
  if (!current()) return;
  const isWorkflow = WORKFLOW_RUNNERS.has(x.runner && x.runner.name) || WORKFLOW_RUNNERS.has(x.action.runner_type);
  const head = h('div', {class: 'exec-head'});
  const controls = h('div', {class: 'controls', role: 'group', 'aria-label': 'Execution controls'});
  const message = h('div', {id: 'control-result', 'aria-live': 'assertive'});
  const trace = h('dl', {class: 'facts'});
  const params = h('div', {});
  const timeline = h('ol', {class: 'timeline'});
  const output = h('pre', {class: 'output', id: 'output', tabindex: 0, 'aria-label': 'Output', 'aria-live': 'off'});
  const result = h('div', {id: 'result'});
  const graphBox = h('div', {class: 'graph-box', id: 'graph'});
  const tree = h('div', {id: 'tasks'});
  let graph = null, children = [], pending = false;

  const sections = [
    h('section', {'aria-labelledby': 's-trace'}, h('h2', {id: 's-trace'}, 'Cause'), trace),
    h('section', {'aria-labelledby': 's-params'}, h('h2', {id: 's-params'}, 'Parameters'), params),
    h('section', {'aria-labelledby': 's-timeline'}, h('h2', {id: 's-timeline'}, 'Status timeline'), timeline),
  ];
  const wide = [
    isWorkflow ? h('section', {'aria-labelledby': 's-graph'}, h('h2', {id: 's-graph'}, 'Workflow'), graphBox,
      h('h3', {}, 'Task executions'), tree) : null,
    h('section', {'aria-labelledby': 's-output'}, h('h2', {id: 's-output'}, 'Output'), output),
    h('section', {'aria-labelledby': 's-result'}, h('h2', {id: 's-result'}, 'Result'), result),
  ];
  replace(main, head, controls, message, h('div', {class: 'grid3'}, sections), wide);

  const draw = () => {
    replace(head, h('h1', {}, x.action.ref, ' ', statusBadge(x.status)),
      h('p', {class: 'muted'}, 'Execution ', h('code', {}, x.id), ' · runner ', x.runner ? x.runner.name : '',
        ' · started ', time(x.start_timestamp), x.end_timestamp ? [' · ended ', time(x.end_timestamp)] : '',
        x.elapsed_seconds ? ` · ${x.elapsed_seconds.toFixed(2)} s` : ''));
    drawControls();
    drawTrace();
    replace(params, paramTable(x.parameters));
    replace(timeline, (x.log || []).map(l => h('li', {}, statusBadge(l.status), ' ', time(l.timestamp))));
    replace(result, x.result !== undefined ? json(x.result, 'Result') : h('p', {class: 'muted'}, FINAL.has(x.status) ? 'No result.' : 'Not finished yet.'));
  };

  const act = async (label, fn) => {
    replace(message, h('p', {class: 'muted'}, label + '…'));
    try {
      const r = await fn();
      replace(message, h('p', {class: 'ok', role: 'status'}, label + ': done.'));
      return r;
    } catch (e) {
      replace(message, errorBox(e));
      return null;
    }
  };

  const drawControls = () => {
    const running = !FINAL.has(x.status);
    replace(controls,
      h('button', {type: 'button', id: 'btn-cancel', disabled: !running, onclick: () => act('Cancel', () => del('/executions/' + enc(x.id)))}, 'Cancel'),
      isWorkflow ? h('button', {type: 'button', id: 'btn-pause', disabled: !['requested', 'scheduled', 'running', 'resuming'].includes(x.status),
        onclick: () => act('Pause', () => put('/executions/' + enc(x.id), {status: 'pausing'}))}, 'Pause') : null,
      isWorkflow ? h('button', {type: 'button', id: 'btn-resume', disabled: !['paused', 'pausing'].includes(x.status),
        onclick: () => act('Resume', () => put('/executions/' + enc(x.id), {status: 'resuming'}))}, 'Resume') : null,
      h('button', {type: 'button', id: 'btn-rerun', onclick: async () => {
        const r = await act('Re-run', () => post('/executions/' + enc(x.id) + '/re_run', {}));
        if (r && r.id) location.hash = '#/executions/' + enc(r.id);
      }}, 'Re-run'),
      link('/actions/' + enc(x.action.ref) + '?from=' + enc(x.id), 'Run again with changes…', {class: 'button'}));
  };

  const drawTrace = () => {
    const c = x.context || {};
    const parentID = x.parent || (c.parent && c.parent.execution_id);
    const ti = x.trigger_instance || c.trigger_instance;
    replace(trace,
      fact('User', c.user || ''),
      x.rule ? fact('Rule', link('/rules/' + enc(x.rule.ref), x.rule.ref)) : fact('Rule', h('span', {class: 'muted'}, 'none (run directly)')),
      ti ? fact('Trigger instance', link('/triggerinstances/' + enc(ti.id), ti.id), x.trigger_type ? ` (${x.trigger_type.ref})` : '') : null,
      parentID ? fact('Workflow', link('/executions/' + enc(parentID), parentID), taskName(x) ? ` · task ${taskName(x)}` : '') : null,
      x.runner && x.runner.name === 'inquirer' ? fact('Inquiry', link('/inquiries/' + enc(x.id), x.status === 'pending' ? 'answer this inquiry' : 'see the response')) : null,
      c.trace_context && c.trace_context.id ? fact('Trace', link('/traces/' + enc(c.trace_context.id), c.trace_context.trace_tag || c.trace_context.id)) : null);
  };

  const drawWorkflow = async () => {
    try {
      children = await get('/executions/' + enc(x.id) + '/children?depth=-1');
    } catch (e) { replace(tree, errorBox(e)); return; }
    replace(tree, taskTree(children, x.id));
    if (!graph) {
      try { graph = await get('/actions/' + enc(x.action.ref) + '/graph'); } catch (e) { replace(graphBox, errorBox(e)); return; }
    }
    const direct = children.filter(c => c.parent === x.id);
    replace(graphBox, renderGraph(graph, taskStatuses(direct), `Task graph of ${x.action.ref}, coloured by task status`),
      legend());
  };

  // While the execution runs, its output (and, as a backstop to the event
  // stream, its record) is polled.
  let outputTimer = null;
  const pollOutput = async () => {
    try {
      const {data} = await request('GET', '/executions/' + enc(x.id) + '/output');
      const text = data || (FINAL.has(x.status) ? '(no output)' : '(no output yet)');
      if (output.textContent !== text) output.textContent = text;
    } catch (e) { output.textContent = 'output unavailable: ' + e.message; }
    if (!FINAL.has(x.status)) {
      try {
        const fresh = await get('/executions/' + enc(x.id));
        if (fresh.status !== x.status || (fresh.log || []).length !== (x.log || []).length) update(fresh);
        else if (isWorkflow) refreshWorkflow();
      } catch { /* the stream keeps trying */ }
    }
    if (!FINAL.has(x.status) && current()) outputTimer = setTimeout(pollOutput, 700);
    else outputTimer = null;
    if (FINAL.has(x.status) && current() && !finalOutput) { finalOutput = true; pollOutput(); }
  };
  let finalOutput = FINAL.has(x.status);

  draw();
  pollOutput();
  if (isWorkflow) await drawWorkflow();

  function update(rec) {
    const was = x.status;
    x = rec;
    draw();
    if (was !== x.status) announce(`Execution ${x.status}`);
    if (!outputTimer) pollOutput();
    if (isWorkflow) refreshWorkflow();
  }
  function refreshWorkflow() {
    if (pending) return;
    pending = true;
    setTimeout(async () => { pending = false; if (current()) await drawWorkflow(); }, 150);
  }
  const unsubscribe = subscribe((name, rec) => {
    if (!name.startsWith('st2.execution__')) return;
    if (rec.id === x.id) update(rec); else if (isWorkflow && (rec.parent === x.id || rec.context?.parent?.root_id === x.id)) {
      refreshWorkflow();
    }
  });
  return () => { unsubscribe(); clearTimeout(outputTimer); };
}

function fact(term, ...def) {
  return [h('dt', {}, term), h('dd', {}, def)];
}

// paramTable shows parameters as the API returns them: secrets already
// masked (********).
function paramTable(p) {
  const entries = Object.entries(p || {});
  if (!entries.length) return h('p', {class: 'muted'}, 'None.');
  return h('table', {class: 'kv'}, h('caption', {class: 'visually-hidden'}, 'Parameters'),
    h('tbody', {}, entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) =>
      h('tr', {}, h('th', {scope: 'row'}, k), h('td', {}, h('code', {}, typeof v === 'string' ? v : JSON.stringify(v)))))));
}

// taskTree renders child executions as a nested list.
function taskTree(children, rootID) {
  const by = new Map();
  for (const c of children) {
    const p = c.parent || rootID;
    if (!by.has(p)) by.set(p, []);
    by.get(p).push(c);
  }
  const list = (pid) => {
    const kids = by.get(pid) || [];
    if (!kids.length) return null;
    return h('ul', {class: 'tree'}, kids.map(c => h('li', {'data-task': taskName(c)},
      statusBadge(c.status), ' ', taskName(c) ? h('strong', {}, taskName(c)) : '', ' ',
      link('/executions/' + enc(c.id), c.action.ref), ' ', h('span', {class: 'muted'}, time(c.start_timestamp)),
      list(c.id))));
  };
  return list(rootID) || h('p', {class: 'muted'}, 'No task has run yet.');
}

function legend() {
  return h('p', {class: 'legend'}, 'Colours: ', ['succeeded', 'running', 'failed', 'paused', 'canceled', 'none'].map(st =>
    h('span', {class: 'swatch st-' + st}, st === 'none' ? 'not run' : st)));
}
