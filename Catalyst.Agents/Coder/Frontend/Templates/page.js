'use strict';
// The page's shared helpers: building elements, the message line and calls to the app's API.

const TOKEN_KEY = 'catalyst-token';

const root = document.getElementById('app');
const messageBox = document.getElementById('message');
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
