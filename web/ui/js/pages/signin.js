// Sign-in: the API key, kept in sessionStorage for this tab only.
import {h, replace, errorBox} from '../dom.js';
import {setApiKey, get} from '../api.js';

export async function signinPage(main) {
  const err = h('div', {'aria-live': 'assertive'});
  const input = h('input', {id: 'api-key', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'api-key-help'});
  const form = h('form', {class: 'signin'},
    h('div', {class: 'field'}, h('label', {for: 'api-key'}, 'API key'), input,
      h('p', {id: 'api-key-help', class: 'help'}, 'Create one with ', h('code', {}, 'stormless apikey create'),
        '. It is kept for this browser tab only and sent as the St2-Api-Key header.')),
    err, h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Sign in')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(err);
    if (!input.value.trim()) {
      replace(err, h('p', {class: 'field-error'}, 'Enter an API key.'));
      input.focus();
      return;
    }
    setApiKey(input.value.trim());
    try {
      await get('/executions?limit=1');
    } catch (e) {
      setApiKey('');
      replace(err, errorBox(e));
      input.focus();
      return;
    }
    const after = sessionStorage.getItem('stormless.after') || '#/executions';
    sessionStorage.removeItem('stormless.after');
    location.hash = after === '#/signin' ? '#/executions' : after;
  });
  replace(main, h('h1', {}, 'Sign in'), h('p', {}, 'This Stormless server requires an API key.'), form);
  input.focus();
}
