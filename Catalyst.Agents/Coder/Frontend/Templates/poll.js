'use strict';
// Polls: ask a question with 2 to 10 options, vote, and watch the counts and percentages.

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

function pollCard(poll) {
  const vote = option => async () => {
    clearMessage();
    try {
      const updated = await api('POST', `api/polls/${poll.id}/votes`, { optionId: option.id });
      document.querySelector(`[data-poll="${poll.id}"]`).replaceWith(pollCard(updated));
      showMessage(`Voted for "${option.text}".`);
    } catch (error) { showError(error); }
  };
  const remove = async () => {
    try {
      await api('DELETE', `api/polls/${poll.id}`);
      await loadPolls();
    } catch (error) { showError(error); }
  };
  const rows = poll.options.map(option => el('li', { class: 'option', 'data-option': option.id },
    el('button', { type: 'button', class: 'secondary', onclick: vote(option) }, 'Vote'),
    el('span', { class: 'text' }, option.text),
    el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', { style: `width: ${option.percent}%` })),
    el('span', { class: 'votes num' }, `${plural(option.votes, 'vote')} (${option.percent}%)`)));
  return el('section', { class: 'card poll', 'data-poll': poll.id },
    el('h2', {}, poll.question), el('ul', { class: 'options' }, rows),
    el('p', { class: 'total' }, `Total: ${plural(poll.totalVotes, 'vote')}`),
    actions(el('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete poll')));
}

async function loadPolls() {
  const polls = (await api('GET', 'api/polls')) || [];
  document.getElementById('polls').replaceChildren(...polls.map(pollCard));
  document.getElementById('polls-empty').hidden = polls.length > 0;
}

function renderPoll() {
  const form = el('form', { id: 'poll-form', class: 'card', novalidate: true },
    field('Question', el('input', { name: 'question', type: 'text', maxlength: 200, placeholder: 'Where shall we have lunch?', required: true }), { required: true }),
    field('Options (one per line, 2 to 10)', el('textarea', { name: 'options', rows: 4, placeholder: 'Pizza\nSalad', required: true }), { required: true }),
    actions(submitButton('Create poll')));
  handleSubmit(form, async () => {
    const options = control(form, 'options').value.split('\n').map(line => line.trim()).filter(Boolean);
    await api('POST', 'api/polls', { question: control(form, 'question').value.trim(), options });
    form.reset();
    showMessage('Poll created.');
    await loadPolls();
  });
  root.append(form, el('div', { id: 'polls' }), el('p', { id: 'polls-empty', class: 'empty' }, 'No polls yet.'));
  loadPolls().catch(showError);
}

(globalThis.archetypeRenderers ??= {}).poll = renderPoll;
