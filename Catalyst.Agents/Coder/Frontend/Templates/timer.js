'use strict';
// Timers: countdowns and stopwatches. The server keeps the time; the page ticks between fetches and resyncs.

const timerViews = new Map();
let timersSyncedAt = 0;

function formatDuration(ms, roundUp) {
  const total = Math.max(0, roundUp ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = value => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** What a timer shows now: the server's time plus what has passed since it was read. */
function timerDisplay(timer) {
  const passed = timer.state === 'running' ? performance.now() - timersSyncedAt : 0;
  return timer.remainingMs === null ? formatDuration(timer.elapsedMs + passed, false) : formatDuration(timer.remainingMs - passed, true);
}

const TIMER_BUTTONS = { idle: ['start'], running: ['pause', 'reset'], paused: ['resume', 'reset'], finished: ['reset'] };

function timerItem(timer) {
  const act = action => async () => {
    clearMessage();
    try {
      await api('POST', `api/timers/${timer.id}/${action}`);
      await loadTimers();
    } catch (error) { showError(error); }
  };
  const remove = async () => {
    try {
      await api('DELETE', `api/timers/${timer.id}`);
      await loadTimers();
    } catch (error) { showError(error); }
  };
  const display = el('output', { class: 'display', 'aria-live': 'off' }, timerDisplay(timer));
  timerViews.set(timer.id, { timer, display });
  const buttons = TIMER_BUTTONS[timer.state].map(action => el('button', { type: 'button', 'data-action': action, onclick: act(action) }, capitalize(action)));
  buttons.push(el('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete'));
  return el('li', { class: `timer ${timer.state}`, 'data-id': timer.id, 'data-state': timer.state },
    el('div', {}, el('strong', {}, timer.label), el('span', { class: 'badge' }, `${timer.mode} · ${timer.state}`)), display, actions(...buttons));
}

async function loadTimers() {
  const timers = (await api('GET', 'api/timers')) || [];
  timersSyncedAt = performance.now();
  timerViews.clear();
  const list = document.getElementById('timers');
  list.replaceChildren(...timers.map(timerItem));
  document.getElementById('timers-empty').hidden = timers.length > 0;
}

function tickTimers() {
  let ranOut = false;
  for (const { timer, display } of timerViews.values()) {
    display.textContent = timerDisplay(timer);
    if (timer.state === 'running' && timer.remainingMs !== null && timer.remainingMs - (performance.now() - timersSyncedAt) <= 0) ranOut = true;
  }
  if (ranOut || performance.now() - timersSyncedAt > 15000) loadTimers().catch(showError);
}

function renderTimer() {
  const number = (name, max, value) => el('input', { name, type: 'number', min: 0, max, step: 1, value });
  const form = el('form', { id: 'timer-form', class: 'card fields', novalidate: true },
    field('Label', el('input', { name: 'label', type: 'text', maxlength: 100, placeholder: 'Tea', required: true }), { required: true }),
    field('Mode', el('select', { name: 'mode' }, el('option', { value: 'countdown' }, 'Countdown'), el('option', { value: 'stopwatch' }, 'Stopwatch'))),
    field('Minutes', number('minutes', 1440, 5)),
    field('Seconds', number('seconds', 59, 0)),
    actions(submitButton('Add timer')));
  const syncMode = () => {
    const stopwatch = control(form, 'mode').value === 'stopwatch';
    for (const name of ['minutes', 'seconds']) control(form, name).closest('label').style.display = stopwatch ? 'none' : '';
  };
  control(form, 'mode').addEventListener('change', syncMode);
  handleSubmit(form, async () => {
    const mode = control(form, 'mode').value;
    const durationSeconds = Number(control(form, 'minutes').value || 0) * 60 + Number(control(form, 'seconds').value || 0);
    const timer = await api('POST', 'api/timers', { label: control(form, 'label').value.trim(), mode, durationSeconds: mode === 'countdown' ? durationSeconds : null });
    control(form, 'label').value = '';
    showMessage(`Timer "${timer.label}" added.`);
    await loadTimers();
  });
  root.append(form, el('section', { class: 'card' }, el('h2', {}, 'Timers'),
    el('ul', { id: 'timers', class: 'timers' }), el('p', { id: 'timers-empty', class: 'empty' }, 'No timers yet.')));
  loadTimers().catch(showError);
  setInterval(tickTimers, 250);
}

(globalThis.archetypeRenderers ??= {}).timer = renderTimer;
