// The workflow picture: a task graph (GET /api/v1/actions/{ref}/graph)
// drawn as inline SVG with a simple layered layout, each task coloured by
// its status in an execution.
import {s} from './dom.js';

const W = 180, H = 54, GX = 36, GY = 64, PAD = 24, R = 16;

// layout assigns each node a layer (longest path from the start over
// forward edges; edges closing a cycle are "back" edges) and an order in
// its layer (first appearance, then one barycentre sweep).
export function layout(graph) {
  const ids = graph.nodes.map(n => n.id);
  const out = new Map(ids.map(id => [id, []]));
  for (const e of graph.edges) if (out.has(e.from) && out.has(e.to)) out.get(e.from).push(e);
  const state = new Map(), back = new Set(), topo = [];
  const visit = (id) => {
    state.set(id, 1);
    for (const e of out.get(id)) {
      const st = state.get(e.to);
      if (st === 1) back.add(e);
      else if (!st) visit(e.to);
    }
    state.set(id, 2);
    topo.push(id);
  };
  for (const id of ids) if (!state.get(id)) visit(id);
  topo.reverse();
  const layer = new Map(ids.map(id => [id, 0]));
  for (const id of topo) for (const e of out.get(id)) if (!back.has(e)) layer.set(e.to, Math.max(layer.get(e.to), layer.get(id) + 1));
  const layers = [];
  for (const id of ids) (layers[layer.get(id)] ||= []).push(id);
  const pos = new Map();
  const place = () => {
    const widest = Math.max(...layers.map(l => l.length));
    const total = widest * W + (widest - 1) * GX;
    layers.forEach((l, li) => {
      const width = l.length * W + (l.length - 1) * GX;
      l.forEach((id, i) => pos.set(id, {x: PAD + (total - width) / 2 + i * (W + GX), y: PAD + li * (H + GY)}));
    });
    return total;
  };
  place();
  const preds = new Map(ids.map(id => [id, []]));
  for (const e of graph.edges) if (preds.has(e.to) && !back.has(e)) preds.get(e.to).push(e.from);
  for (const l of layers.slice(1)) {
    const bary = (id) => {
      const p = preds.get(id);
      return p.length ? p.reduce((a, q) => a + pos.get(q).x, 0) / p.length : pos.get(id).x;
    };
    const keys = new Map(l.map(id => [id, bary(id)]));
    l.sort((a, b) => keys.get(a) - keys.get(b));
  }
  const total = place();
  return {pos, back, width: total + 2 * PAD + 120, height: PAD * 2 + layers.length * H + (layers.length - 1) * GY};
}

// render draws the graph; statuses maps a task name to its status.
export function render(graph, statuses, title) {
  const {pos, back, width, height} = layout(graph);
  const byID = new Map(graph.nodes.map(n => [n.id, n]));
  const titleID = 'g-title-' + Math.random().toString(36).slice(2);
  const svg = s('svg', {class: 'graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'group', 'aria-labelledby': titleID},
    s('title', {id: titleID}, title || 'Workflow task graph'),
    s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'},
      s('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead'}))));
  for (const e of graph.edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b) continue;
    svg.append(edge(e, a, b, back.has(e), byID.get(e.from), byID.get(e.to)));
  }
  for (const n of graph.nodes) svg.append(node(n, pos.get(n.id), statuses.get(n.id)));
  return svg;
}

function anchor(p, n, side) {
  const cx = p.x + W / 2;
  if (n && n.kind === 'start') return {x: cx, y: p.y + H / 2 + (side === 'bottom' ? R : -R)};
  if (side === 'right') return {x: p.x + W, y: p.y + H / 2};
  return {x: cx, y: side === 'bottom' ? p.y + H : p.y};
}

function edge(e, a, b, isBack, from, to) {
  let d, lx, ly;
  if (isBack || b.y <= a.y) {
    const p = anchor(a, from, 'right'), q = anchor(b, to, 'right');
    const bulge = Math.max(p.x, q.x) + 60;
    d = `M${p.x},${p.y} C${bulge},${p.y} ${bulge},${q.y} ${q.x},${q.y}`;
    lx = bulge - 10; ly = (p.y + q.y) / 2;
  } else {
    const p = anchor(a, from, 'bottom'), q = anchor(b, to, 'top');
    const my = (p.y + q.y) / 2;
    d = `M${p.x},${p.y} C${p.x},${my} ${q.x},${my} ${q.x},${q.y}`;
    lx = (p.x + q.x) / 2; ly = my;
  }
  const g = s('g', {class: 'edge' + (e.label === 'failure' ? ' failure' : '')},
    s('path', {d, 'marker-end': 'url(#arrow)'}));
  if (e.label) {
    const short = e.label.length > 30 ? e.label.slice(0, 29) + '…' : e.label;
    g.append(s('text', {x: lx, y: ly, 'text-anchor': 'middle', 'dominant-baseline': 'middle'}, s('title', {}, e.label), short));
  }
  return g;
}

function node(n, p, status) {
  const label = n.kind === 'task' ? `task ${n.label}${n.action ? ', action ' + n.action : ''}, ${status || 'not run'}` : n.label;
  const g = s('g', {class: `node ${n.kind} st-${status || 'none'}`, 'data-task': n.id, tabindex: n.kind === 'task' ? 0 : null,
    role: 'img', 'aria-label': label});
  g.append(s('title', {}, label));
  const cx = p.x + W / 2, cy = p.y + H / 2;
  if (n.kind === 'start') {
    g.append(s('circle', {cx, cy, r: R}), s('text', {x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'middle', class: 'small'}, 'start'));
    return g;
  }
  if (n.kind === 'command') {
    g.append(s('rect', {x: p.x + 40, y: p.y + 8, width: W - 80, height: H - 16, rx: (H - 16) / 2}),
      s('text', {x: cx, y: cy, 'text-anchor': 'middle', 'dominant-baseline': 'middle'}, n.label));
    return g;
  }
  const name = n.label.length > 22 ? n.label.slice(0, 21) + '…' : n.label;
  const action = (n.action || '') + (n.with_items ? ' ×items' : '') + (n.join ? ' ⋈join' : '');
  g.append(s('rect', {x: p.x, y: p.y, width: W, height: H, rx: 6}),
    s('text', {x: cx, y: p.y + 18, 'text-anchor': 'middle', class: 'name'}, name),
    s('text', {x: cx, y: p.y + 33, 'text-anchor': 'middle', class: 'small'}, action.length > 28 ? action.slice(0, 27) + '…' : action),
    s('text', {x: cx, y: p.y + 47, 'text-anchor': 'middle', class: 'small status'}, status || 'not run'));
  return g;
}

// taskName is the workflow task a child execution ran (StackStorm's
// context.orquesta.task_name or context.chain.name).
export function taskName(x) {
  const c = x.context || {};
  return (c.orquesta && c.orquesta.task_name) || (c.chain && c.chain.name) || '';
}

// taskStatuses folds child executions into one status per task: a task
// run several times (with items, retries) shows the most telling one.
export function taskStatuses(children) {
  const rank = ['running', 'pausing', 'paused', 'canceling', 'failed', 'timeout', 'abandoned', 'canceled', 'scheduled', 'requested', 'delayed', 'succeeded'];
  const m = new Map();
  for (const x of children) {
    const t = taskName(x);
    if (!t) continue;
    const cur = m.get(t);
    if (!cur || rankOf(rank, x.status) < rankOf(rank, cur)) m.set(t, x.status);
  }
  return m;
}

function rankOf(rank, st) { const i = rank.indexOf(st); return i < 0 ? rank.length : i; }
