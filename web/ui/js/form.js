// Forms generated from a parameter schema (an action's parameters, an
// inquiry's JSON schema): one labelled control per field, validated
// before submitting, each error shown next to its field.
import {h, replace, errorBox} from './dom.js';

// fieldsFromParams turns an action's parameters into fields, in position
// order, then required first, then by name. Immutable parameters are not
// fields: the action fixes them.
export function fieldsFromParams(params) {
  return Object.entries(params || {})
    .filter(([, p]) => !p.immutable)
    .map(([name, p]) => ({name, type: baseType(p.type), description: p.description || '', def: p.default,
      hasDefault: p.default !== undefined, required: !!p.required, secret: !!p.secret, enum: p.enum,
      position: p.position}))
    .sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9) || (b.required - a.required) || a.name.localeCompare(b.name));
}

// fieldsFromSchema turns a JSON schema object's properties into fields;
// required comes from the schema's required list or a property's
// required: true (StackStorm's draft 3 form).
export function fieldsFromSchema(schema) {
  const props = (schema && schema.properties) || {};
  const req = new Set(Array.isArray(schema && schema.required) ? schema.required : []);
  return Object.entries(props).map(([name, p]) => ({name, type: baseType(p.type), description: p.description || '',
    def: p.default, hasDefault: p.default !== undefined, required: req.has(name) || p.required === true,
    secret: !!p.secret, enum: p.enum}));
}

function baseType(t) {
  if (Array.isArray(t)) return t.find(x => x !== 'null') || 'string';
  return t || 'string';
}

let formSeq = 0;

// buildForm renders fields and calls onSubmit(values) with the values the
// user gave, converted to their types, once every field is valid. An error
// onSubmit throws is shown above the form and, when it names a field, next
// to that field too.
export function buildForm({fields, submitLabel, onSubmit, idPrefix}) {
  const prefix = idPrefix || 'f' + (++formSeq);
  const summary = h('div', {class: 'form-errors', 'aria-live': 'assertive'});
  const controls = fields.map(f => control(f, prefix));
  const button = h('button', {type: 'submit', class: 'primary'}, submitLabel || 'Submit');
  const form = h('form', {novalidate: true, class: 'schema-form'}, summary,
    fields.length ? controls.map(c => c.row) : h('p', {class: 'muted'}, 'No parameters.'), h('div', {class: 'actions'}, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(summary);
    let values = {}, firstBad = null;
    for (const c of controls) {
      const r = c.read();
      c.showError(r.error);
      if (r.error && !firstBad) firstBad = c;
      if (!r.error && r.set) values[c.field.name] = r.value;
    }
    if (firstBad) {
      replace(summary, h('p', {class: 'error', role: 'alert'}, 'Please correct the highlighted fields.'));
      firstBad.input.focus();
      return;
    }
    button.disabled = true;
    try {
      await onSubmit(values);
    } catch (err) {
      replace(summary, errorBox(err));
      const named = controls.find(c => new RegExp(`["'\\s]${escapeRe(c.field.name)}["'\\s:]`).test(' ' + err.message + ' '));
      if (named) named.showError(err.message);
      (named ? named.input : summary).focus?.();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// control renders one field and returns {row, input, read, showError}.
function control(f, prefix) {
  const id = `${prefix}-${f.name}`;
  const errId = id + '-error';
  const helpId = id + '-help';
  const describedBy = [f.description ? helpId : null, errId].filter(Boolean).join(' ');
  const common = {id, name: f.name, 'aria-describedby': describedBy, 'aria-required': f.required ? 'true' : null};
  let input, read;
  const optionalBool = f.type === 'boolean' && !f.required && !f.hasDefault;
  if (f.enum && f.enum.length) {
    input = h('select', common,
      !f.hasDefault ? h('option', {value: ''}, f.required ? '— choose —' : '— not set —') : null,
      f.enum.map((v, i) => h('option', {value: String(i), selected: f.hasDefault && v === f.def ? true : null}, String(v))));
    read = () => input.value === '' ? need(f) : {set: true, value: f.enum[Number(input.value)]};
  } else if (f.type === 'boolean' && !optionalBool) {
    input = h('input', {...common, type: 'checkbox', checked: f.hasDefault ? !!f.def : false});
    read = () => ({set: f.required || input.checked !== !!f.def, value: input.checked});
  } else if (optionalBool) {
    input = h('select', common, h('option', {value: ''}, '— default —'), h('option', {value: 'true'}, 'true'), h('option', {value: 'false'}, 'false'));
    read = () => input.value === '' ? {set: false} : {set: true, value: input.value === 'true'};
  } else if (f.type === 'object' || f.type === 'array') {
    input = h('textarea', {...common, rows: 3, spellcheck: 'false', placeholder: f.type === 'array' ? '["a", "b"] (JSON)' : '{"key": "value"} (JSON)'},
      f.hasDefault && !f.secret ? JSON.stringify(f.def) : '');
    read = () => readJSON(f, input.value);
  } else {
    const attrs = {...common, type: f.secret ? 'password' : 'text', autocomplete: f.secret ? 'new-password' : 'off', spellcheck: 'false'};
    if (f.type === 'integer' || f.type === 'number') attrs.inputmode = f.type === 'integer' ? 'numeric' : 'decimal';
    if (f.hasDefault && !f.secret) attrs.value = String(f.def);
    if (f.hasDefault && f.secret) attrs.placeholder = 'default set (hidden)';
    input = h('input', attrs);
    read = () => readScalar(f, input.value);
  }
  const err = h('p', {id: errId, class: 'field-error'});
  const label = h('label', {for: id}, f.name, f.required ? h('span', {class: 'req', 'aria-hidden': 'true'}, ' *') : null,
    f.required ? h('span', {class: 'visually-hidden'}, ' (required)') : null,
    h('span', {class: 'type'}, ' ', f.secret ? 'secret ' : '', f.type));
  const row = h('div', {class: 'field' + (input.type === 'checkbox' ? ' check' : '')}, label, input,
    f.description ? h('p', {id: helpId, class: 'help'}, f.description) : null, err);
  const showError = (msg) => {
    err.textContent = msg || '';
    row.classList.toggle('invalid', !!msg);
    if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  return {row, input, read, showError, field: f};
}

function need(f) {
  return f.required && !f.hasDefault ? {error: `${f.name} is required.`} : {set: false};
}

function readScalar(f, raw) {
  const v = raw.trim();
  if (v === '') return need(f);
  if (f.hasDefault && !f.secret && v === String(f.def)) return {set: false};
  switch (f.type) {
  case 'integer':
    if (!/^-?\d+$/.test(v)) return {error: `${f.name} must be a whole number, got "${v}".`};
    return {set: true, value: Number(v)};
  case 'number': {
    const n = Number(v);
    if (!Number.isFinite(n)) return {error: `${f.name} must be a number, got "${v}".`};
    return {set: true, value: n};
  }
  default:
    return {set: true, value: f.secret ? raw : v};
  }
}

function readJSON(f, raw) {
  if (raw.trim() === '') return need(f);
  let v;
  try { v = JSON.parse(raw); } catch (e) { return {error: `${f.name} must be JSON: ${e.message}`}; }
  if (f.type === 'array' && !Array.isArray(v)) return {error: `${f.name} must be a JSON array like ["a", "b"].`};
  if (f.type === 'object' && (v === null || typeof v !== 'object' || Array.isArray(v))) return {error: `${f.name} must be a JSON object like {"key": "value"}.`};
  if (f.hasDefault && JSON.stringify(v) === JSON.stringify(f.def)) return {set: false};
  return {set: true, value: v};
}
