// @ts-check
// The request form: one control per request member of the chosen operation, built from operations.mjs.
// Nothing is validated here: empty members are left out and everything else is sent as typed, so that
// wrong requests reach the engine and show what AWS answers.

import { h } from './dom.mjs';
import { ACTION_TYPES, PARTY_TYPES } from './operations.mjs';
import { firstOfNextMonth, formatTime, parseTimestamp } from './format.mjs';

/**
 * @typedef {import('./operations.mjs').Field} Field
 * @typedef {import('./operations.mjs').Operation} Operation
 * @typedef {import('./store.mjs').World} World
 * @typedef {{world?: World}} Context
 * @typedef {{element: HTMLElement, read(): any, setValue?: (value: any) => void, refresh?: () => void,
 *   field?: Field}} Control
 * @typedef {Control & {optional: boolean, kind: string, chosen: boolean, select: HTMLSelectElement,
 *   setValue(value: string, options?: {chosen?: boolean}): void,
 *   setOptions(options: {value: string, label: string}[], preferred?: string | null): void}} Picker
 *   chosen: the value was picked on purpose (in this select, or by selecting a handshake), not by default.
 */

const OTHER = '__other__';
const UNSET = '';

let uid = 0;
const nextId = (/** @type {string} */ name) => `f-${name}-${++uid}`;

/** @param {string} forId @param {string} text @param {boolean | undefined} required */
function labelRow(forId, text, required) {
  return h('div', { class: 'label-row' },
    h('label', { for: forId }, text),
    required ? h('span', { class: 'req', 'aria-hidden': 'true', title: 'required' }, '*') : null);
}

/** @param {string} id @param {string | undefined} text */
function hint(id, text) {
  return text ? h('p', { class: 'field-hint', id }, text) : null;
}

/**
 * A select of known values plus "Other value…", which shows a free text box.
 * @param {Field} field
 * @param {{optional?: boolean, label?: string}} [options]
 * @returns {Picker}
 */
function pickerControl(field, { optional = false, label = field.name } = {}) {
  const selectId = nextId(field.name);
  const otherId = `${selectId}-other`;
  const hintId = `${selectId}-hint`;
  const select = h('select', { id: selectId, 'aria-describedby': field.hint ? hintId : null, 'aria-required': field.required ? 'true' : null, dataset: { picker: field.kind } });
  const other = h('input', { id: otherId, type: 'text', class: 'other-input', autocomplete: 'off', spellcheck: 'false', hidden: true });
  const otherLabel = h('label', { for: otherId, class: 'other-label', hidden: true }, `${label} (any value)`);
  const wrapper = h('div', { class: 'field' },
    labelRow(selectId, label, field.required),
    select, hint(hintId, field.hint), otherLabel, other);
  const syncOther = () => {
    const show = select.value === OTHER;
    other.hidden = !show;
    otherLabel.hidden = !show;
  };
  /** @type {Picker} */
  const picker = {
    element: wrapper,
    optional,
    kind: field.kind,
    chosen: false,
    select,
    setOptions(options, preferred) {
      const previous = select.value;
      const fresh = select.options.length === 0 || (previous === OTHER && other.value === '');
      select.replaceChildren();
      if (optional) select.append(h('option', { value: UNSET }, '(not set)'));
      for (const option of options) select.append(h('option', { value: option.value }, option.label));
      select.append(h('option', { value: OTHER }, 'Other value…'));
      const values = [...select.options].map((o) => o.value);
      if (!fresh && values.includes(previous)) select.value = previous;
      else if (optional) select.value = UNSET;
      else if (preferred && values.includes(preferred)) select.value = preferred;
      else select.value = options.length ? options[options.length - 1].value : OTHER;
      syncOther();
    },
    setValue(value, { chosen = true } = {}) {
      const values = [...select.options].map((o) => o.value);
      if (values.includes(value)) select.value = value;
      else { select.value = OTHER; other.value = value; }
      syncOther();
      picker.chosen = chosen;
    },
    read() {
      if (select.value === OTHER) return other.value === '' ? undefined : other.value;
      if (select.value === UNSET) return undefined;
      return select.value;
    },
  };
  select.addEventListener('change', () => {
    picker.chosen = true;
    syncOther();
    if (select.value === OTHER) other.focus();
  });
  other.addEventListener('input', () => { picker.chosen = true; });
  return picker;
}

/**
 * @param {Field} field
 * @param {{multiline?: boolean, placeholder?: string}} [options]
 */
function textControl(field, { multiline = false, placeholder = '' } = {}) {
  const id = nextId(field.name);
  const hintId = `${id}-hint`;
  const input = multiline
    ? h('textarea', { id, rows: 3, spellcheck: 'false', 'aria-describedby': field.hint ? hintId : null, 'aria-required': field.required ? 'true' : null, placeholder })
    : h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': field.hint ? hintId : null, 'aria-required': field.required ? 'true' : null, placeholder });
  return {
    element: h('div', { class: 'field' },
      labelRow(id, field.name, field.required),
      input, hint(hintId, field.hint)),
    input,
    read() { return input.value === '' ? undefined : input.value; },
    setValue(/** @type {string} */ value) { input.value = value; },
  };
}

/** @param {Field} field @returns {Control} */
function enumControl(field) {
  const id = nextId(field.name);
  const hintId = `${id}-hint`;
  const select = h('select', { id, 'aria-describedby': field.hint ? hintId : null, 'aria-required': field.required ? 'true' : null },
    field.required ? null : h('option', { value: UNSET }, '(not set)'),
    (field.values || []).map((v) => h('option', { value: v }, v)));
  if (field.defaultValue) select.value = field.defaultValue;
  return {
    element: h('div', { class: 'field' },
      labelRow(id, field.name, field.required),
      select, hint(hintId, field.hint)),
    read() { return select.value === UNSET ? undefined : select.value; },
    setValue(/** @type {unknown} */ value) { if ((field.values || []).includes(String(value))) select.value = String(value); },
  };
}

/** @param {Field} field @param {Context} context @returns {Control} */
function partyControl(field, context) {
  const typeId = nextId(`${field.name}-Type`);
  const idId = nextId(`${field.name}-Id`);
  const listId = `${idId}-list`;
  const type = h('select', { id: typeId }, PARTY_TYPES.map((t) => h('option', { value: t }, t)));
  type.value = 'EMAIL';
  const datalist = h('datalist', { id: listId });
  const idInput = h('input', { id: idId, type: 'text', list: listId, autocomplete: 'off', spellcheck: 'false' });
  const refreshList = () => {
    const accounts = context.world ? context.world.Accounts || [] : [];
    datalist.replaceChildren(...accounts.map((a) => h('option', { value: type.value === 'ACCOUNT' ? a.Id : a.Email }, `${a.Name} (${a.Id})`)));
  };
  type.addEventListener('change', refreshList);
  const element = h('fieldset', { class: 'field field-group' },
    h('legend', null, field.name, field.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
      field.hint ? h('span', { class: 'legend-hint' }, ` — ${field.hint}`) : null),
    h('div', { class: 'inline-fields' },
      h('div', { class: 'field' }, h('label', { for: typeId }, 'Type'), type),
      h('div', { class: 'field grow' }, h('label', { for: idId }, 'Id'), idInput, datalist)));
  return {
    element,
    refresh: refreshList,
    read() {
      /** @type {{Id?: string, Type?: string}} */
      const out = {};
      if (idInput.value !== '') out.Id = idInput.value;
      out.Type = type.value;
      return out;
    },
    setValue(/** @type {{Id?: string, Type?: string}} */ value) {
      if (value.Type) type.value = value.Type;
      if (value.Id !== undefined) idInput.value = value.Id;
      refreshList();
    },
  };
}

/** @param {Field} field @returns {Control} */
function tagsControl(field) {
  const control = textControl(field, { multiline: true, placeholder: 'Team=Finance' });
  return {
    element: control.element,
    read() {
      const text = control.input.value;
      if (text.trim() === '') return undefined;
      return text.split('\n').filter((line) => line.trim() !== '').map((line) => {
        const eq = line.indexOf('=');
        return eq < 0 ? { Key: line.trim(), Value: '' } : { Key: line.slice(0, eq).trim(), Value: line.slice(eq + 1).trim() };
      });
    },
    setValue(/** @type {unknown} */ value) {
      if (Array.isArray(value)) control.input.value = value.map((t) => `${t && t.Key}=${t && t.Value}`).join('\n');
    },
  };
}

/** @param {Field} field @returns {Control & {picker: Picker}} */
function filterControl(field) {
  const actionId = nextId('Filter-ActionType');
  const action = h('select', { id: actionId },
    h('option', { value: UNSET }, '(not set)'), ACTION_TYPES.map((t) => h('option', { value: t }, t)));
  const parent = pickerControl({ name: 'ParentHandshakeId', kind: 'handshakeId' }, { optional: true, label: 'ParentHandshakeId' });
  const element = h('fieldset', { class: 'field field-group' },
    h('legend', null, 'Filter', h('span', { class: 'legend-hint' }, ` — ${field.hint}`)),
    h('div', { class: 'field' }, h('label', { for: actionId }, 'ActionType'), action),
    parent.element);
  return {
    element,
    picker: parent,
    read() {
      /** @type {{ActionType?: string, ParentHandshakeId?: string}} */
      const out = {};
      if (action.value !== UNSET) out.ActionType = action.value;
      const p = parent.read();
      if (p !== undefined) out.ParentHandshakeId = p;
      return Object.keys(out).length ? out : undefined;
    },
  };
}

/** @param {Field} field @returns {Control} */
function integerControl(field) {
  const control = textControl(field);
  control.input.setAttribute('inputmode', 'numeric');
  return {
    element: control.element,
    read() {
      const v = control.input.value.trim();
      if (v === '') return undefined;
      return /^-?\d+$/.test(v) ? Number(v) : control.input.value;
    },
    setValue(/** @type {unknown} */ value) { control.input.value = String(value); },
  };
}

/** @param {Field} field @param {Context} context @returns {Control} */
function timestampControl(field, context) {
  const control = textControl(field, { placeholder: '2026-10-01 or epoch seconds' });
  if (field.defaultStart && context.world) {
    const start = firstOfNextMonth(context.world.Now);
    control.input.value = formatTime(start, { ms: false, zone: false }).replace(' ', 'T') + 'Z';
  }
  return {
    element: control.element,
    read() { return parseTimestamp(control.input.value); },
    setValue(/** @type {unknown} */ value) { control.input.value = String(value); },
  };
}

/**
 * Build the form for an operation inside container. context.world is the last DescribeWorld.
 * Returns {readBody(), refreshPickers(world), setHandshakeId(id), handshakePicker(), setField(name, value)}.
 * @param {HTMLElement} container
 * @param {Operation} operation
 * @param {Context} context
 */
export function buildForm(container, operation, context) {
  /** @type {(Control & {field: Field})[]} */
  const controls = [];
  /** @type {Picker[]} */
  const pickers = [];
  for (const field of operation.fields) {
    /** @type {Control} */
    let control;
    switch (field.kind) {
      case 'handshakeId':
      case 'accountId':
      case 'transferId':
      {
        const picker = pickerControl(field, { optional: !field.required });
        control = picker;
        pickers.push(picker);
        break;
      }
      case 'text': control = textControl(field, { multiline: true }); break;
      case 'enum': control = enumControl(field); break;
      case 'party': control = partyControl(field, context); break;
      case 'tags': control = tagsControl(field); break;
      case 'filter': {
        const filter = filterControl(field);
        control = filter;
        pickers.push(filter.picker);
        break;
      }
      case 'integer': control = integerControl(field); break;
      case 'timestamp': control = timestampControl(field, context); break;
      default: control = textControl(field);
    }
    controls.push(Object.assign(control, { field }));
  }
  container.replaceChildren(...controls.map((c) => c.element));
  if (!controls.length) container.append(h('p', { class: 'muted' }, `${operation.name} takes no request members: the body is {}.`));

  const api = {
    controls,
    readBody() {
      /** @type {Record<string, unknown>} */
      const body = {};
      for (const control of controls) {
        const value = control.read();
        if (value !== undefined) body[control.field.name] = value;
      }
      return body;
    },
    /** @param {World} world @param {string | null} selectedHandshakeId */
    refreshPickers(world, selectedHandshakeId) {
      for (const picker of pickers) {
        /** @type {{value: string, label: string}[]} */
        let options = [];
        if (picker.kind === 'handshakeId') {
          options = (world.Handshakes || []).map((hs) => ({ value: hs.Id, label: `${hs.Id} · ${hs.Action} · ${hs.State}` }));
        } else if (picker.kind === 'accountId') {
          options = (world.Accounts || []).map((a) => ({ value: a.Id, label: `${a.Id} · ${a.Name}` }));
        } else if (picker.kind === 'transferId') {
          options = (world.ResponsibilityTransfers || []).map((t) => ({ value: t.Id, label: `${t.Id} · ${t.Status}` }));
        }
        picker.setOptions(options, picker.kind === 'handshakeId' ? selectedHandshakeId : undefined);
      }
      for (const control of controls) if (control.refresh) control.refresh();
    },
    /** @param {string} id @param {{chosen?: boolean}} [options]  chosen: picked on purpose (not a default) */
    setHandshakeId(id, options) {
      for (const picker of pickers) if (picker.kind === 'handshakeId' && !picker.optional) picker.setValue(id, options);
    },
    /** The operation's HandshakeId picker (required), or null. */
    handshakePicker() {
      return pickers.find((picker) => picker.kind === 'handshakeId' && !picker.optional) || null;
    },
    /** @param {string} name @param {unknown} value */
    setField(name, value) {
      const control = controls.find((c) => c.field.name === name);
      if (control && control.setValue) control.setValue(value);
    },
  };
  return api;
}
