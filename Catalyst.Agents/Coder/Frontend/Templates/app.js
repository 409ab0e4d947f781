'use strict';
// Starts the page: reads schema.json, signs in when the app has accounts, and renders the app's kind.

const OPERATIONS = [['add', 'add (+)'], ['subtract', 'subtract (−)'], ['multiply', 'multiply (×)'], ['divide', 'divide (÷)']];

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
