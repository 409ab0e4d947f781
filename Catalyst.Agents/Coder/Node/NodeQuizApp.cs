using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>Quizzes: multiple-choice questions whose answers stay on the server until the quiz is submitted and scored.</summary>
static class NodeQuizApp
{
    public static IReadOnlyList<GeneratedFile> Source() =>
    [
        new("src/routes/quizzes.js", """
            'use strict';
            const express = require('express');
            const { randomUUID } = require('node:crypto');
            const v = require('../validation');
            const { problem, validationProblem } = require('../http');

            const MAX_QUESTIONS = 50;
            const MAX_CHOICES = 6;

            /** What a quiz taker sees: the questions and their choices, never the answers. */
            const view = (quiz) => ({ id: quiz.id, title: quiz.title, createdAt: quiz.createdAt, questions: quiz.questions.map(({ text, choices }) => ({ text, choices })) });
            const summary = (quiz) => ({ id: quiz.id, title: quiz.title, questionCount: quiz.questions.length, createdAt: quiz.createdAt });

            /** A question { text, choices, answer }, or null with its errors under questions[i].text, .choices or .answer. */
            function readQuestion(input, key, errors) {
              const question = v.isObject(input) ? input : {};
              const text = typeof question.text === 'string' ? question.text.trim() : '';
              const choices = Array.isArray(question.choices) ? question.choices.map((c) => (typeof c === 'string' ? c.trim() : '')) : [];
              const problems = [];
              if (text === '' || text.length > 500) problems.push(['text', 'Every question needs a text of at most 500 characters.']);
              if (choices.length < 2 || choices.length > MAX_CHOICES || choices.some((c) => c === '' || c.length > 200)) {
                problems.push(['choices', `Every question needs 2 to ${MAX_CHOICES} choices of at most 200 characters.`]);
              } else if (!Number.isInteger(question.answer) || question.answer < 0 || question.answer >= choices.length) {
                problems.push(['answer', 'answer must be the index of one of the choices (0 is the first).']);
              }
              for (const [field, message] of problems) errors.add(`${key}.${field}`, message);
              return problems.length === 0 ? { text, choices, answer: question.answer } : null;
            }

            /** The score, and only now the correct answers. */
            function score(quiz, answers) {
              const results = quiz.questions.map((q, i) => ({ chosen: answers[i], answer: q.answer, correct: answers[i] === q.answer }));
              const right = results.filter((r) => r.correct).length;
              return { score: right, total: results.length, percent: Math.round((right * 1000) / results.length) / 10, results };
            }

            /** True when there is one answer per question, each the index of one of its choices. */
            const fits = (quiz, answers) => Array.isArray(answers) && answers.length === quiz.questions.length
              && answers.every((a, i) => Number.isInteger(a) && a >= 0 && a < quiz.questions[i].choices.length);

            /** Quizzes under /api/quizzes: create, list, read (without answers), delete, and submit answers for a score. */
            module.exports = function routes({ collection }) {
              const store = collection('quizzes');
              const router = express.Router();
              const notFound = (res, id) => problem(res, 404, 'Not Found', `There is no quiz ${id}.`);

              router.get('/api/quizzes', (req, res) => res.json(store.all().map(summary)));

              router.post('/api/quizzes', (req, res) => {
                const errors = new v.Errors();
                const input = v.isObject(req.body) ? req.body : {};
                const title = v.string(input, 'title', 'title', true, errors);
                const questions = Array.isArray(input.questions) ? input.questions : [];
                if (questions.length === 0 || questions.length > MAX_QUESTIONS) errors.add('questions', `A quiz needs 1 to ${MAX_QUESTIONS} questions.`);
                const read = questions.map((q, i) => readQuestion(q, `questions[${i}]`, errors));
                if (errors.any) return validationProblem(res, errors.errors);
                const quiz = store.insert({ id: randomUUID(), title, questions: read, createdAt: new Date().toISOString() });
                return res.status(201).location(`/api/quizzes/${quiz.id}`).json(view(quiz));
              });

              router.get('/api/quizzes/:id', (req, res) => {
                const quiz = store.find(req.params.id);
                return quiz ? res.json(view(quiz)) : notFound(res, req.params.id);
              });

              router.delete('/api/quizzes/:id', (req, res) => (store.remove(req.params.id) ? res.status(204).end() : notFound(res, req.params.id)));

              router.post('/api/quizzes/:id/submissions', (req, res) => {
                const quiz = store.find(req.params.id);
                if (!quiz) return notFound(res, req.params.id);
                const answers = v.isObject(req.body) ? req.body.answers : undefined;
                if (!fits(quiz, answers)) {
                  return validationProblem(res, { answers: [`Give one answer per question (${quiz.questions.length}), each the index of one of its choices.`] });
                }
                return res.json(score(quiz, answers));
              });
              return router;
            };

            """),
    ];

    public static GeneratedFile Tests() => new("test/quizzes.test.js", """
        'use strict';
        const { test, before, after } = require('node:test');
        const assert = require('node:assert/strict');
        const { start } = require('./helpers');

        let server;
        before(async () => { server = await start(); });
        after(() => server.close());

        const question = (text, choiceCount, answer) => ({ text, choices: Array.from({ length: choiceCount }, (_, i) => `Choice ${i + 1}`), answer });

        async function createQuiz() {
          const res = await server.api('POST', '/api/quizzes', { title: 'Capitals', questions: [question('One', 3, 1), question('Two', 3, 2), question('Three', 4, 2)] });
          assert.equal(res.status, 201, res.text);
          return `/api/quizzes/${res.body.id}`;
        }

        test('never shows the answers when a quiz is read', async () => {
          const quiz = await createQuiz();
          const read = await server.api('GET', quiz);
          assert.equal(read.status, 200);
          assert.doesNotMatch(read.text, /answer/i);
          assert.equal(read.body.questions.length, 3);
          assert.ok((await server.api('GET', '/api/quizzes')).body.some((q) => q.questionCount === 3 && `/api/quizzes/${q.id}` === quiz));
        });

        test('scores submitted answers and only then shows the correct ones', async () => {
          const res = await server.api('POST', `${await createQuiz()}/submissions`, { answers: [1, 0, 2] });
          assert.equal(res.status, 200, res.text);
          assert.deepEqual([res.body.score, res.body.total, res.body.percent], [2, 3, 66.7]);
          assert.deepEqual(res.body.results[1], { chosen: 0, answer: 2, correct: false });
        });

        test('refuses answers of the wrong number or out of range, and unknown quizzes', async () => {
          const quiz = await createQuiz();
          for (const answers of [[1, 0], [1, 0, 9], [-1, 0, 0], ['1', 0, 0]]) {
            const res = await server.api('POST', `${quiz}/submissions`, { answers });
            assert.equal(res.status, 400, JSON.stringify(answers));
            assert.ok(res.body.errors.answers);
          }
          assert.equal((await server.api('POST', '/api/quizzes/00000000-0000-4000-8000-000000000000/submissions', { answers: [0] })).status, 404);
          assert.equal((await server.api('DELETE', quiz)).status, 204);
          assert.equal((await server.api('GET', quiz)).status, 404);
        });

        test('refuses a quiz without a title or questions, or with bad choices or answers', async () => {
          for (const [body, field] of [[{ title: '', questions: [question('One', 2, 0)] }, 'title'], [{ title: 'Empty', questions: [] }, 'questions'],
            [{ title: 'Capitals', questions: [question('One', 1, 0)] }, 'questions[0].choices'], [{ title: 'Capitals', questions: [question('One', 7, 0)] }, 'questions[0].choices'],
            [{ title: 'Capitals', questions: [question('One', 2, 2)] }, 'questions[0].answer']]) {
            const res = await server.api('POST', '/api/quizzes', body);
            assert.equal(res.status, 400, JSON.stringify(body));
            assert.ok(res.body.errors[field], field);
          }
        });

        """);
}
