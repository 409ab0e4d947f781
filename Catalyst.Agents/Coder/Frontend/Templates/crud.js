'use strict';
// Records: one section per entity of schema.json, with its form, filters, list and totals.

const STRINGISH_TYPES = ['string', 'email', 'url', 'text', 'phone', 'enum'];
const NUMERIC_TYPES = ['money', 'decimal', 'integer'];
const INPUT_TYPES = { string: 'text', email: 'email', url: 'url', phone: 'tel', date: 'date', datetime: 'datetime-local', list: 'text' };
const views = new Map();
const referenceLabels = new Map();

/** A field's label as a person reads it, with the unit the request measured it in: "distance (km)". */
const fieldLabel = f => (f.unit ? `${f.label} (${f.unit})` : f.label);
const pluralLabel = entity => entity.pluralLabel || entity.label;

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
  const head = headerRow([...entity.fields.map(f => capitalize(fieldLabel(f))), ...(schema.tags ? ['Tags'] : [])]);
  head.append(el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')));
  const table = el('table', { 'data-list': entity.route }, el('thead', {}, head), view.body);
  return el('section', { class: 'entity card', id: `section-${entity.route}` },
    el('h2', {}, capitalize(pluralLabel(entity))), view.form, filters(view), tableWrap(table), view.empty, totalsTables(view));
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
  if (f.type === 'boolean') return field(fieldLabel(f), el('input', { name: f.name, type: 'checkbox' }), { check: true });
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
  return field(fieldLabel(f), input, { required });
}

function filters(view) {
  const plural = pluralLabel(view.entity);
  const reload = debounce(() => loadList(view).catch(showError));
  const box = (name, text) => el('input', { name, type: 'search', placeholder: text, 'aria-label': text, oninput: reload });
  if (schema.search) view.q = box('q', `Search ${plural}`);
  if (schema.tags) view.tag = box('tag', 'Filter by tag');
  const sortable = view.entity.fields.filter(f => f.sortable);
  if (sortable.length) {
    const choices = sortable.flatMap(f => [[f.name, `${capitalize(fieldLabel(f))} ↑`], [`-${f.name}`, `${capitalize(fieldLabel(f))} ↓`]]);
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
  const plural = pluralLabel(view.entity);
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
      el('caption', {}, `${capitalize(sum ? fieldLabel(sum) : aggregate.sumField)} by ${groupLabel}`),
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
