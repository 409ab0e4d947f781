'use strict';

const TOKEN_KEY = 'catalyst-token';
const STRINGISH_TYPES = ['string', 'email', 'url', 'text', 'phone', 'enum'];
const NUMERIC_TYPES = ['money', 'decimal', 'integer'];
const INPUT_TYPES = { string: 'text', email: 'email', url: 'url', phone: 'tel', date: 'date', datetime: 'datetime-local', list: 'text' };
const OPERATIONS = [['add', 'add (+)'], ['subtract', 'subtract (−)'], ['multiply', 'multiply (×)'], ['divide', 'divide (÷)']];

const root = document.getElementById('app');
const messageBox = document.getElementById('message');
const views = new Map();
const referenceLabels = new Map();
let schema = {};

class ApiError extends Error {
  constructor(status, body) {
    super(status ? `The server answered ${status}.` : 'Could not reach the server.');
    this.status = status;
    this.body = body && typeof body === 'object' ? body : {};
  }
}

// ---- DOM helpers ----
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  const nodes = children.flat().filter(child => child != null && child !== false);
  node.append(...nodes.map(child => (child instanceof Node ? child : String(child))));
  return node;
}

const capitalize = text => String(text ?? '').charAt(0).toUpperCase() + String(text ?? '').slice(1);
const control = (form, name) => [...form.elements].find(element => element.name === name);
const tableWrap = table => el('div', { class: 'table-wrap' }, table);
const headerRow = labels => el('tr', {}, labels.map(label => el('th', { scope: 'col' }, label)));
const splitList = text => String(text).split(',').map(part => part.trim()).filter(Boolean);
const actions = (...buttons) => el('div', { class: 'actions' }, buttons);
const submitButton = text => el('button', { type: 'submit' }, text);

function field(text, input, { required = false, check = false } = {}) {
  const caption = el('span', { class: 'caption' }, capitalize(text));
  const classes = ['field', check && 'check', required && 'required'].filter(Boolean).join(' ');
  return el('label', { class: classes }, check ? [input, caption] : [caption, input]);
}

function externalLink(url) {
  const href = /^https?:\/\//i.test(url) ? url : null;
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, url);
}

function debounce(action, delay = 250) {
  let timer;
  return () => { clearTimeout(timer); timer = setTimeout(action, delay); };
}

// ---- Messages ----
function showMessage(content, kind = 'success') {
  messageBox.className = content ? kind : '';
  messageBox.replaceChildren(...(content ? [content] : []));
}

const clearMessage = () => showMessage(null);

function showError(error) {
  const lines = errorLines(error);
  showMessage(lines.length === 1 ? lines[0] : el('ul', {}, lines.map(line => el('li', {}, line))), 'error');
}

function errorLines(error) {
  if (!(error instanceof ApiError)) return [error?.message || 'Something went wrong.'];
  if (error.status === 401 && error.hadToken) return ['Your session has ended. Please sign in again.'];
  const { errors, detail, title } = error.body;
  if (error.status === 400 && errors && typeof errors === 'object') {
    const lines = Object.values(errors).flat().filter(Boolean).map(String);
    if (lines.length) return lines;
  }
  return [detail || title || error.message];
}

function markInvalid(form, error) {
  const names = Object.keys(error?.body?.errors || {}).map(name => name.toLowerCase());
  for (const input of form.elements) {
    if (names.includes(input.name.toLowerCase())) input.setAttribute('aria-invalid', 'true');
  }
}

function handleSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    clearMessage();
    form.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    try {
      await action();
    } catch (error) {
      markInvalid(form, error);
      showError(error);
    } finally {
      button.disabled = false;
    }
  });
}

// ---- API ----
async function api(method, path, body) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response, text;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    text = await response.text();
  } catch {
    throw new ApiError(0);
  }
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (response.ok) return data;
  const error = new ApiError(response.status, data);
  if (response.status === 401 && token) {
    error.hadToken = true;
    signOut();
  }
  throw error;
}

// ---- Start and auth ----
async function start() {
  try {
    const response = await fetch('schema.json', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`schema.json: ${response.status}`);
    schema = await response.json();
  } catch (error) {
    root.replaceChildren();
    const text = error instanceof TypeError ? 'Could not reach the server.' : 'Could not load the application description (schema.json).';
    return showMessage(text, 'error');
  }
  schema.entities = (schema.entities || []).map(entity => ({ ...entity, fields: entity.fields || [] }));
  schema.aggregates = schema.aggregates || [];
  Object.assign(document.getElementById('description'), { textContent: schema.description || '', hidden: !schema.description });
  render();
}

function render() {
  const renderers = {
    crud: renderCrud, 'hello-world': renderHello, counter: renderCounter, calculator: renderCalculator, 'url-shortener': renderShortener,
    ...globalThis.archetypeRenderers, // timer, poll, quiz, kanban: each in its own script, loaded before this one
  };
  views.clear();
  root.replaceChildren();
  if (!renderers[schema.kind]) return showMessage(`Unknown kind of application: ${schema.kind}`, 'error');
  if (schema.auth && !sessionStorage.getItem(TOKEN_KEY)) return renderAuth();
  root.dataset.view = schema.kind;
  if (schema.auth) root.append(accountBar());
  renderers[schema.kind]();
}

function renderAuth() {
  root.dataset.view = 'auth';
  root.replaceChildren(el('div', { class: 'auth' },
    authForm('register-form', 'Register', 'Create account', 'new-password', 'api/auth/register'),
    authForm('login-form', 'Welcome back', 'Sign in', 'current-password', 'api/auth/login')));
}

function authForm(id, heading, submitText, passwordAutocomplete, path) {
  const form = el('form', { id, class: 'card', novalidate: true },
    el('h2', {}, heading),
    field('Email', el('input', { name: 'email', type: 'email', autocomplete: 'email', required: true }), { required: true }),
    field('Password', el('input', { name: 'password', type: 'password', autocomplete: passwordAutocomplete, required: true }), { required: true }),
    actions(submitButton(submitText)));
  handleSubmit(form, async () => {
    const credentials = { email: control(form, 'email').value.trim(), password: control(form, 'password').value };
    const { token } = await api('POST', path, credentials);
    sessionStorage.setItem(TOKEN_KEY, token);
    render();
    showMessage(id === 'register-form' ? 'Account created. You are signed in.' : 'Signed in.');
  });
  return form;
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  if (root.dataset.view !== 'auth') render();
}

function accountBar() {
  const email = el('strong', { id: 'user-email' });
  const signOutClicked = () => { signOut(); showMessage('Signed out.'); };
  const signOutButton = el('button', { type: 'button', class: 'secondary', onclick: signOutClicked }, 'Sign out');
  api('GET', 'api/auth/me').then(me => { email.textContent = me.email; }, showError);
  return el('div', { class: 'account' }, el('span', {}, 'Signed in as ', email), signOutButton);
}

// ---- CRUD: layout ----
function renderCrud() {
  root.append(...schema.entities.map(entitySection));
  const references = schema.entities.flatMap(entity => entity.fields.filter(f => f.type === 'reference' && f.references));
  const routes = new Set(references.map(f => f.references));
  const report = promise => promise.catch(showError);
  Promise.all([...routes].map(route => report(loadReferences(route)))).then(() => {
    for (const view of views.values()) [loadList(view), loadTotals(view)].forEach(report);
  });
}

function entitySection(entity) {
  const view = { entity, editingId: null, ticket: 0, body: el('tbody') };
  view.empty = el('p', { class: 'empty', hidden: true });
  views.set(entity.route, view);
  view.form = entityForm(view);
  const head = headerRow([...entity.fields.map(f => capitalize(f.label)), ...(schema.tags ? ['Tags'] : [])]);
  head.append(el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')));
  const table = el('table', { 'data-list': entity.route }, el('thead', {}, head), view.body);
  return el('section', { class: 'entity card', id: `section-${entity.route}` },
    el('h2', {}, entity.plural), view.form, filters(view), tableWrap(table), view.empty, totalsTables(view));
}

function entityForm(view) {
  const { entity } = view;
  view.submit = submitButton(`Add ${entity.label}`);
  view.cancel = el('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => stopEditing(view) }, 'Cancel');
  const tags = schema.tags && field('Tags', el('input', { name: 'tags', type: 'text', placeholder: 'Comma-separated' }));
  const form = el('form', { 'data-entity': entity.route, class: 'fields', novalidate: true },
    entity.fields.map(fieldControl), tags, actions(view.submit, view.cancel));
  handleSubmit(form, () => saveItem(view));
  return form;
}

function fieldControl(f) {
  if (f.type === 'boolean') return field(f.label, el('input', { name: f.name, type: 'checkbox' }), { check: true });
  const required = Boolean(f.required);
  const base = { name: f.name, required };
  let input;
  if (f.type === 'text') input = el('textarea', { ...base, rows: 3 });
  else if (f.type === 'money') input = el('input', { ...base, type: 'number', step: '0.01', min: 0 });
  else if (f.type === 'decimal') input = el('input', { ...base, type: 'number', step: '0.01' });
  else if (f.type === 'integer') input = el('input', { ...base, type: 'number', step: '1', min: f.minimum ?? 0, max: f.maximum ?? null });
  else if (f.type === 'enum') {
    const placeholder = el('option', { value: '' }, required ? 'Choose…' : '(none)');
    input = el('select', base, placeholder, (f.options || []).map(option => el('option', { value: option }, capitalize(option))));
  } else if (f.type === 'reference') {
    const placeholder = el('option', { value: '' }, required ? 'Choose…' : '(none)');
    input = el('select', { ...base, 'data-references': f.references }, placeholder);
  } else {
    const placeholder = f.type === 'list' ? 'Comma-separated' : f.type === 'phone' ? '+1 555 123 4567' : null;
    input = el('input', { ...base, type: INPUT_TYPES[f.type] || 'text', placeholder, autocomplete: f.type === 'phone' ? 'tel' : null });
  }
  return field(f.label, input, { required });
}

function filters(view) {
  const { plural } = view.entity;
  const reload = debounce(() => loadList(view).catch(showError));
  const box = (name, text) => el('input', { name, type: 'search', placeholder: text, 'aria-label': text, oninput: reload });
  if (schema.search) view.q = box('q', `Search ${plural}`);
  if (schema.tags) view.tag = box('tag', 'Filter by tag');
  const sortable = view.entity.fields.filter(f => f.sortable);
  if (sortable.length) {
    const choices = sortable.flatMap(f => [[f.name, `${capitalize(f.label)} ↑`], [`-${f.name}`, `${capitalize(f.label)} ↓`]]);
    view.sort = el('select', { name: 'sort', 'aria-label': `Sort ${plural}`, onchange: reload },
      el('option', { value: '' }, 'Oldest first'), choices.map(([value, text]) => el('option', { value }, text)));
  }
  return (view.q || view.tag || view.sort) && el('div', { class: 'filters' }, view.q, view.tag, view.sort);
}

// ---- CRUD: data ----
async function loadList(view) {
  const params = new URLSearchParams();
  if (view.q?.value.trim()) params.set('q', view.q.value.trim());
  if (view.tag?.value.trim()) params.set('tag', view.tag.value.trim());
  if (view.sort?.value) params.set('sort', view.sort.value);
  const query = params.toString();
  const ticket = ++view.ticket;
  const items = (await api('GET', `api/${view.entity.route}${query ? `?${query}` : ''}`)) || [];
  if (ticket !== view.ticket) return;
  const plural = view.entity.plural.toLowerCase();
  view.body.replaceChildren(...items.map(item => itemRow(view, item)));
  view.empty.textContent = query ? `No matching ${plural}.` : `No ${plural} yet.`;
  view.empty.hidden = items.length > 0;
}

function itemRow(view, item) {
  const cell = f => el('td', { 'data-field': f.name, class: NUMERIC_TYPES.includes(f.type) ? 'num' : null }, formatValue(f, item[f.name]));
  const cells = view.entity.fields.map(cell);
  if (schema.tags) cells.push(el('td', { 'data-field': 'tags' }, (item.tags || []).join(', ')));
  cells.push(el('td', { class: 'row-actions' },
    el('button', { type: 'button', class: 'secondary', onclick: () => startEditing(view, item) }, 'Edit'),
    el('button', { type: 'button', class: 'danger', onclick: () => deleteItem(view, item).catch(showError) }, 'Delete')));
  return el('tr', { 'data-id': item.id }, cells);
}

function formatValue(f, value) {
  if (value == null || value === '') return '';
  switch (f?.type) {
    case 'boolean': return value ? '✓' : '';
    case 'list': return Array.isArray(value) ? value.join(', ') : String(value);
    case 'money': return typeof value === 'number' ? value.toFixed(2) : String(value);
    case 'datetime': return Number.isNaN(Date.parse(value)) ? String(value) : new Date(value).toLocaleString();
    case 'enum': return capitalize(value);
    case 'reference': return referenceLabels.get(f.references)?.get(value) ?? String(value);
    case 'url': return externalLink(String(value));
    default: return String(value);
  }
}

function referenceLabel(route, item) {
  const fields = schema.entities.find(entity => entity.route === route)?.fields || [];
  const named = fields.find(f => STRINGISH_TYPES.includes(f.type) && item[f.name]);
  if (named) return String(item[named.name]);
  const other = Object.entries(item).find(([key, value]) => key !== 'id' && key !== 'createdAt' && typeof value === 'string' && value);
  return other ? other[1] : String(item.id);
}

async function loadReferences(route) {
  const items = (await api('GET', `api/${route}`)) || [];
  const labels = new Map(items.map(item => [item.id, referenceLabel(route, item)]));
  referenceLabels.set(route, labels);
  for (const select of root.querySelectorAll('select[data-references]')) {
    if (select.dataset.references !== route) continue;
    const current = select.value;
    select.replaceChildren(select.options[0], ...[...labels].map(([id, label]) => el('option', { value: id }, label)));
    select.value = current;
    if (select.selectedIndex < 0) select.selectedIndex = 0;
  }
}

async function afterChange(route) {
  const view = views.get(route);
  const dependents = [...views.values()].filter(v => v.entity.fields.some(f => f.type === 'reference' && f.references === route));
  if (dependents.length) await loadReferences(route);
  const affected = [...new Set([view, ...dependents])];
  await Promise.all(affected.flatMap(v => [loadList(v), loadTotals(v)]));
}

function setControl(input, f, value) {
  if (f.type === 'boolean') input.checked = Boolean(value);
  else if (f.type === 'list') input.value = Array.isArray(value) ? value.join(', ') : value ?? '';
  else if (f.type === 'date') input.value = value ? String(value).slice(0, 10) : '';
  else if (f.type === 'datetime') input.value = value ? toLocalInput(value) : '';
  else {
    if (f.type === 'reference' && value && ![...input.options].some(option => option.value === value)) {
      input.append(el('option', { value }, referenceLabels.get(f.references)?.get(value) ?? value));
    }
    input.value = value ?? '';
  }
}

function readControl(input, f) {
  if (f.type === 'boolean') return input.checked;
  if (f.type === 'list') return splitList(input.value);
  const value = input.value.trim();
  if (value === '') return null;
  if (f.type === 'datetime') return Number.isNaN(Date.parse(value)) ? value : new Date(value).toISOString();
  return NUMERIC_TYPES.includes(f.type) ? Number(value) : value;
}

/** An ISO 8601 instant as the value of a datetime-local input, in the browser's time zone. */
function toLocalInput(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function startEditing(view, item) {
  const { entity, form } = view;
  view.editingId = item.id;
  for (const f of entity.fields) setControl(control(form, f.name), f, item[f.name]);
  if (schema.tags) control(form, 'tags').value = (item.tags || []).join(', ');
  view.submit.textContent = `Save ${entity.label}`;
  view.cancel.hidden = false;
  form.classList.add('editing');
  form.scrollIntoView({ block: 'nearest' });
  form.querySelector('input, textarea, select')?.focus();
}

function stopEditing(view) {
  view.editingId = null;
  view.form.reset();
  view.form.classList.remove('editing');
  view.submit.textContent = `Add ${view.entity.label}`;
  view.cancel.hidden = true;
}

async function saveItem(view) {
  const { entity, form } = view;
  const payload = Object.fromEntries(entity.fields.map(f => [f.name, readControl(control(form, f.name), f)]));
  if (schema.tags) payload.tags = splitList(control(form, 'tags').value);
  const label = capitalize(entity.label);
  if (view.editingId) {
    await api('PUT', `api/${entity.route}/${encodeURIComponent(view.editingId)}`, payload);
    stopEditing(view);
    showMessage(`${label} updated.`);
  } else {
    await api('POST', `api/${entity.route}`, payload);
    form.reset();
    showMessage(`${label} added.`);
  }
  await afterChange(entity.route);
}

async function deleteItem(view, item) {
  clearMessage();
  await api('DELETE', `api/${view.entity.route}/${encodeURIComponent(item.id)}`);
  if (view.editingId === item.id) stopEditing(view);
  showMessage(`${capitalize(view.entity.label)} deleted.`);
  await afterChange(view.entity.route);
}

// ---- CRUD: aggregates ----
function totalsTables(view) {
  const { entity } = view;
  view.totals = schema.aggregates.filter(a => a.entity === entity.route).map(aggregate => {
    const group = entity.fields.find(f => f.name === aggregate.groupBy);
    const sum = entity.fields.find(f => f.name === aggregate.sumField);
    const groupLabel = group?.label ?? aggregate.groupBy;
    const body = el('tbody');
    const table = el('table', { 'data-totals': entity.route, class: 'totals' },
      el('caption', {}, `${capitalize(sum?.label ?? aggregate.sumField)} by ${groupLabel}`),
      el('thead', {}, headerRow([capitalize(groupLabel), 'Total', 'Count'])),
      body);
    return { group, sum, body, table };
  });
  return view.totals.map(totals => tableWrap(totals.table));
}

async function loadTotals(view) {
  if (!view.totals.length) return;
  const rows = (await api('GET', `api/${view.entity.route}/totals`)) || [];
  for (const { group, sum, body } of view.totals) {
    body.replaceChildren(...rows.map(row => el('tr', { 'data-key': row.key ?? '' },
      el('td', {}, (group?.type === 'reference' ? formatValue(group, row.key) : String(row.key ?? '')) || '(none)'),
      el('td', { class: 'num' }, formatValue(sum, row.total)),
      el('td', { class: 'num' }, row.count))));
  }
}

// ---- Archetypes ----
function renderHello() {
  const input = el('input', { name: 'name', type: 'text', placeholder: 'World', autocomplete: 'given-name' });
  const greeting = el('p', { id: 'greeting', class: 'result', 'aria-live': 'polite' });
  const form = el('form', { id: 'hello-form', class: 'card', novalidate: true },
    field('Your name', input), actions(submitButton('Greet')));
  handleSubmit(form, async () => {
    const name = input.value.trim();
    greeting.textContent = '';
    const data = await api('GET', `api/hello${name ? `?${new URLSearchParams({ name })}` : ''}`);
    greeting.textContent = data.message;
  });
  root.append(form, greeting);
}

function renderCounter() {
  const value = el('output', { id: 'counter-value', 'aria-live': 'polite' }, '…');
  let latest = 0;
  const call = async (method, path) => {
    const ticket = ++latest;
    const data = await api(method, path).catch(showError);
    if (data && ticket === latest) value.textContent = String(data.value);
  };
  const press = action => () => { clearMessage(); call('POST', `api/counter/${action}`); };
  const button = (text, action) => el('button', { type: 'button', onclick: press(action) }, text);
  const buttons = actions(button('+1', 'increment'), button('−1', 'decrement'), button('Reset', 'reset'));
  root.append(el('div', { class: 'card counter' }, value, buttons));
  call('GET', 'api/counter');
}

function renderCalculator() {
  const result = el('output', { id: 'result', 'aria-live': 'polite' });
  const number = name => el('input', { name, type: 'number', step: 'any', required: true });
  const form = el('form', { id: 'calculator-form', class: 'card fields', novalidate: true },
    field('First number', number('a'), { required: true }),
    field('Operation', el('select', { name: 'op' }, OPERATIONS.map(([value, text]) => el('option', { value }, text)))),
    field('Second number', number('b'), { required: true }),
    actions(submitButton('Calculate')));
  const operand = name => (control(form, name).value.trim() === '' ? null : Number(control(form, name).value));
  handleSubmit(form, async () => {
    result.textContent = '';
    const data = await api('POST', 'api/calculate', { a: operand('a'), b: operand('b'), op: control(form, 'op').value });
    result.textContent = String(data.result);
  });
  root.append(form, el('p', { class: 'result' }, 'Result: ', result));
}

function renderShortener() {
  const body = el('tbody');
  const form = el('form', { id: 'shorten-form', class: 'card', novalidate: true },
    field('Long URL', el('input', { name: 'url', type: 'url', placeholder: 'https://example.com/page', required: true }), { required: true }),
    actions(submitButton('Shorten')));
  const table = el('table', { 'data-list': 'links' }, el('thead', {}, headerRow(['Code', 'URL', 'Short link'])), body);
  const loadLinks = async () => {
    const links = (await api('GET', 'api/links')) || [];
    const shortUrl = link => link.shortUrl || new URL(`r/${link.code}`, location.href).href;
    body.replaceChildren(...links.map(link => el('tr', { 'data-id': link.code },
      el('td', {}, link.code), el('td', {}, link.url), el('td', {}, externalLink(shortUrl(link))))));
  };
  handleSubmit(form, async () => {
    const link = await api('POST', 'api/links', { url: control(form, 'url').value.trim() });
    form.reset();
    showMessage(`Short link created: ${link.shortUrl}`);
    await loadLinks();
  });
  root.append(form, el('section', { class: 'card' }, el('h2', {}, 'Links'), tableWrap(table)));
  loadLinks().catch(showError);
}

start();
