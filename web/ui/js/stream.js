// One shared EventSource on /stream/v1/stream; pages subscribe to its
// events and unsubscribe when they are left.
import {streamURL} from './api.js';

const EVENTS = ['st2.execution__create', 'st2.execution__update', 'st2.trigger_instances_dispatch__trigger_instance',
  'st2.trigger_instance__update'];
const listeners = new Set();
let source = null;

// subscribe calls fn(eventName, record) for every event; returns the
// function that unsubscribes.
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// connect (re)opens the stream, with the current API key.
export function connect() {
  if (source) source.close();
  const live = document.getElementById('live');
  source = new EventSource(streamURL());
  const s = source;
  source.onopen = () => setLive(live, 'live');
  // A refused stream (401 before sign-in) closes for good; a dropped one retries.
  source.onerror = () => setLive(live, s.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting…');
  for (const name of EVENTS) {
    source.addEventListener(name, (ev) => {
      let rec;
      try { rec = JSON.parse(ev.data); } catch { return; }
      for (const fn of listeners) {
        try { fn(name, rec); } catch (e) { console.error(e); }
      }
    });
  }
}

function setLive(el, state) {
  if (!el) return;
  el.textContent = state;
  el.classList.toggle('on', state === 'live');
}
