// The Stormless Web UI: a hash router over the pages, the shared event
// stream and API key sign-in.
import {h, replace, errorBox, announce} from './dom.js';
import {apiKey, setApiKey} from './api.js';
import {connect} from './stream.js';
import {executionsPage} from './pages/executions.js';
import {executionPage} from './pages/execution.js';
import {actionsPage, actionPage} from './pages/actions.js';
import {rulesPage, rulePage} from './pages/rules.js';
import {triggerInstancesPage, triggerInstancePage} from './pages/triggers.js';
import {inquiriesPage, inquiryPage} from './pages/inquiries.js';
import {keysPage} from './pages/keys.js';
import {packsPage} from './pages/packs.js';
import {signinPage} from './pages/signin.js';
import {tracePage} from './pages/trace.js';

// routes: [pattern, nav section, page(main, params, query) -> cleanup?]
const routes = [
  [/^\/executions\/([^/]+)$/, 'executions', executionPage],
  [/^\/executions$/, 'executions', executionsPage],
  [/^\/actions\/([^/]+)$/, 'actions', actionPage],
  [/^\/actions$/, 'actions', actionsPage],
  [/^\/rules\/([^/]+)$/, 'rules', rulePage],
  [/^\/rules$/, 'rules', rulesPage],
  [/^\/triggerinstances\/([^/]+)$/, 'triggerinstances', triggerInstancePage],
  [/^\/triggerinstances$/, 'triggerinstances', triggerInstancesPage],
  [/^\/inquiries\/([^/]+)$/, 'inquiries', inquiryPage],
  [/^\/inquiries$/, 'inquiries', inquiriesPage],
  [/^\/keys$/, 'keys', keysPage],
  [/^\/packs$/, 'packs', packsPage],
  [/^\/traces\/([^/]+)$/, 'executions', tracePage],
  [/^\/signin$/, '', signinPage],
];

let cleanup = null;
let generation = 0;

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/executions';
  const [path, qs] = hash.split('?');
  const main = document.getElementById('main');
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const gen = ++generation;
  const match = routes.map(([re, nav, page]) => [re.exec(path), nav, page]).find(([m]) => m);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (match && a.dataset.nav === match[1]) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!match) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, hash), '.'));
    return;
  }
  const [m, , page] = match;
  const params = m.slice(1).map(decodeURIComponent);
  const query = new URLSearchParams(qs || '');
  replace(main, h('p', {class: 'muted'}, 'Loading…'));
  try {
    const c = await page(main, params, query, () => gen === generation);
    if (gen === generation) cleanup = c; else if (typeof c === 'function') c();
  } catch (err) {
    if (gen === generation) replace(main, h('h1', {}, 'Something went wrong'), errorBox(err));
  }
  if (gen === generation) {
    const h1 = main.querySelector('h1');
    document.title = (h1 ? h1.textContent + ' · ' : '') + 'Stormless';
    if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({preventScroll: true});
    announce(document.title);
  }
}

function renderSession() {
  const el = document.getElementById('session');
  if (apiKey()) {
    replace(el, h('button', {type: 'button', class: 'link', onclick: () => { setApiKey(''); location.hash = '#/signin'; }}, 'Sign out'));
  } else {
    replace(el);
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('stormless:auth', () => { renderSession(); connect(); });
window.addEventListener('stormless:unauthorized', () => {
  if (!location.hash.startsWith('#/signin')) {
    sessionStorage.setItem('stormless.after', location.hash || '#/executions');
    location.hash = '#/signin';
  }
});

// The skip link moves focus to the content without touching the route.
document.querySelector('.skip').addEventListener('click', (ev) => {
  ev.preventDefault();
  document.getElementById('main').focus();
});

renderSession();
connect();
route();
