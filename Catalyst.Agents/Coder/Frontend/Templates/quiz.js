'use strict';
// Quizzes: write one as text, take it, and see the score. The correct answers only come back with the score.

const QUIZ_FORMAT = 'What is 2 + 2?\n3\n*4\n5\n\nWhich planet is red?\n*Mars\nVenus';

/** Blocks separated by a blank line: the question, then one choice per line, the correct one starting with "*". */
function parseQuestions(text) {
  return text.split(/\n\s*\n/).map(block => block.split('\n').map(line => line.trim()).filter(Boolean)).filter(lines => lines.length > 0)
    .map(([question, ...lines]) => {
      const answer = lines.findIndex(line => line.startsWith('*'));
      return { text: question, choices: lines.map(line => line.replace(/^\*\s*/, '')), answer: answer < 0 ? null : answer };
    });
}

function questionFieldset(question, index) {
  const choices = question.choices.map((choice, value) => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: `q${index}`, value, required: true }), el('span', {}, choice)));
  return el('li', { class: 'question', 'data-question': index },
    el('fieldset', {}, el('legend', {}, `${index + 1}. ${question.text}`), choices), el('p', { class: 'feedback', hidden: true }));
}

function showScore(form, quiz, result) {
  result.results.forEach((outcome, index) => {
    const item = form.querySelector(`[data-question="${index}"]`);
    item.classList.add(outcome.correct ? 'correct' : 'wrong');
    const feedback = item.querySelector('.feedback');
    feedback.textContent = outcome.correct ? 'Correct.' : `The answer was: ${quiz.questions[index].choices[outcome.answer]}.`;
    feedback.hidden = false;
  });
  document.getElementById('score').textContent = `Score: ${result.score} / ${result.total} (${result.percent}%)`;
}

async function takeQuiz(id) {
  clearMessage();
  const quiz = await api('GET', `api/quizzes/${id}`);
  const form = el('form', { id: 'take-form', class: 'card', 'data-quiz': quiz.id, novalidate: true },
    el('h2', {}, quiz.title), el('ol', { class: 'questions' }, quiz.questions.map(questionFieldset)),
    el('p', { id: 'score', class: 'result', 'aria-live': 'polite' }), actions(submitButton('Submit answers')));
  handleSubmit(form, async () => {
    const answers = quiz.questions.map((_, index) => {
      const checked = form.querySelector(`input[name="q${index}"]:checked`);
      return checked ? Number(checked.value) : null;
    });
    if (answers.includes(null)) throw new Error('Answer every question first.');
    showScore(form, quiz, await api('POST', `api/quizzes/${quiz.id}/submissions`, { answers }));
    form.querySelector('button[type="submit"]').hidden = true;
  });
  document.getElementById('take').replaceChildren(form);
}

async function loadQuizzes() {
  const quizzes = (await api('GET', 'api/quizzes')) || [];
  const take = quiz => () => takeQuiz(quiz.id).catch(showError);
  const remove = quiz => async () => {
    try {
      await api('DELETE', `api/quizzes/${quiz.id}`);
      await loadQuizzes();
    } catch (error) { showError(error); }
  };
  document.getElementById('quizzes').replaceChildren(...quizzes.map(quiz => el('li', { 'data-id': quiz.id },
    el('strong', {}, quiz.title), ` · ${quiz.questionCount} question${quiz.questionCount === 1 ? '' : 's'} `,
    actions(el('button', { type: 'button', onclick: take(quiz) }, 'Take'), el('button', { type: 'button', class: 'danger', onclick: remove(quiz) }, 'Delete')))));
  document.getElementById('quizzes-empty').hidden = quizzes.length > 0;
}

function renderQuiz() {
  const form = el('form', { id: 'quiz-form', class: 'card', novalidate: true },
    el('h2', {}, 'New quiz'),
    field('Title', el('input', { name: 'title', type: 'text', maxlength: 200, placeholder: 'General knowledge', required: true }), { required: true }),
    field('Questions: the question, then one choice per line, the correct one starting with *; a blank line between questions',
      el('textarea', { name: 'questions', rows: 8, placeholder: QUIZ_FORMAT, required: true }), { required: true }),
    actions(submitButton('Create quiz')));
  handleSubmit(form, async () => {
    const quiz = await api('POST', 'api/quizzes', { title: control(form, 'title').value.trim(), questions: parseQuestions(control(form, 'questions').value) });
    form.reset();
    showMessage(`Quiz "${quiz.title}" created.`);
    await loadQuizzes();
  });
  root.append(form,
    el('section', { class: 'card' }, el('h2', {}, 'Quizzes'), el('ul', { id: 'quizzes' }), el('p', { id: 'quizzes-empty', class: 'empty' }, 'No quizzes yet.')),
    el('div', { id: 'take' }));
  loadQuizzes().catch(showError);
}

(globalThis.archetypeRenderers ??= {}).quiz = renderQuiz;
