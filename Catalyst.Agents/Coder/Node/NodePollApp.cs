using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>Polls: a question with 2 to 10 options, votes, and results with counts and percentages.</summary>
static class NodePollApp
{
    public static IReadOnlyList<GeneratedFile> Source() =>
    [
        new("src/routes/polls.js", """
            'use strict';
            const express = require('express');
            const { randomUUID } = require('node:crypto');
            const v = require('../validation');
            const { problem, validationProblem } = require('../http');

            const MIN_OPTIONS = 2;
            const MAX_OPTIONS = 10;

            /** The share of the votes in percent, with one decimal; 0 before the first vote. */
            const percent = (votes, total) => (total === 0 ? 0 : Math.round((votes * 1000) / total) / 10);

            function view(poll) {
              const total = poll.options.reduce((sum, option) => sum + option.votes, 0);
              return {
                id: poll.id, question: poll.question, totalVotes: total, createdAt: poll.createdAt,
                options: poll.options.map((option) => ({ ...option, percent: percent(option.votes, total) })),
              };
            }

            /** The trimmed option texts, or null (with an error) unless there are 2 to 10 distinct, non-blank ones. */
            function readOptions(value, errors) {
              const options = Array.isArray(value) ? value.map((option) => (typeof option === 'string' ? option.trim() : '')) : [];
              let message = null;
              if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) message = `A poll needs ${MIN_OPTIONS} to ${MAX_OPTIONS} options.`;
              else if (options.some((option) => option === '' || option.length > 100)) message = 'Every option needs a text of at most 100 characters.';
              else if (new Set(options.map((option) => option.toLowerCase())).size !== options.length) message = 'The options must differ from each other.';
              if (message) errors.add('options', message);
              return message ? null : options;
            }

            /** Polls under /api/polls: create, list, read, delete, and vote. */
            module.exports = function routes({ collection }) {
              const store = collection('polls');
              const router = express.Router();
              const notFound = (res, id) => problem(res, 404, 'Not Found', `There is no poll ${id}.`);

              router.get('/api/polls', (req, res) => res.json(store.all().map(view)));

              router.post('/api/polls', (req, res) => {
                const errors = new v.Errors();
                const input = v.isObject(req.body) ? req.body : {};
                const question = v.string(input, 'question', 'question', true, errors);
                const options = readOptions(input.options, errors);
                if (errors.any) return validationProblem(res, errors.errors);
                const poll = store.insert({
                  id: randomUUID(), question, createdAt: new Date().toISOString(),
                  options: options.map((text, index) => ({ id: index + 1, text, votes: 0 })),
                });
                return res.status(201).location(`/api/polls/${poll.id}`).json(view(poll));
              });

              router.get('/api/polls/:id', (req, res) => {
                const poll = store.find(req.params.id);
                return poll ? res.json(view(poll)) : notFound(res, req.params.id);
              });

              router.delete('/api/polls/:id', (req, res) => (store.remove(req.params.id) ? res.status(204).end() : notFound(res, req.params.id)));

              router.post('/api/polls/:id/votes', (req, res) => {
                const poll = store.find(req.params.id);
                if (!poll) return notFound(res, req.params.id);
                const optionId = v.isObject(req.body) ? req.body.optionId : undefined;
                if (!poll.options.some((option) => option.id === optionId)) {
                  return validationProblem(res, { optionId: ['optionId must be one of the poll\'s options.'] });
                }
                const voted = { ...poll, options: poll.options.map((option) => (option.id === optionId ? { ...option, votes: option.votes + 1 } : option)) };
                return res.json(view(store.replace(voted)));
              });
              return router;
            };

            """),
    ];

    public static GeneratedFile Tests() => new("test/polls.test.js", """
        'use strict';
        const { test, before, after } = require('node:test');
        const assert = require('node:assert/strict');
        const { start } = require('./helpers');

        let server;
        before(async () => { server = await start(); });
        after(() => server.close());

        async function createPoll() {
          const res = await server.api('POST', '/api/polls', { question: 'Lunch?', options: ['Pizza', 'Salad', 'Soup'] });
          assert.equal(res.status, 201, res.text);
          assert.equal(res.headers.get('location'), `/api/polls/${res.body.id}`);
          return `/api/polls/${res.body.id}`;
        }

        test('counts votes with their percentages', async () => {
          const poll = await createPoll();
          for (const optionId of [1, 1, 2]) assert.equal((await server.api('POST', `${poll}/votes`, { optionId })).status, 200);
          const results = (await server.api('GET', poll)).body;
          assert.equal(results.totalVotes, 3);
          assert.deepEqual(results.options.map((o) => [o.text, o.votes, o.percent]), [['Pizza', 2, 66.7], ['Salad', 1, 33.3], ['Soup', 0, 0]]);
          assert.ok((await server.api('GET', '/api/polls')).body.some((p) => `/api/polls/${p.id}` === poll));
        });

        test('shows 0 percent before the first vote', async () => {
          const results = (await server.api('GET', await createPoll())).body;
          assert.deepEqual(results.options.map((o) => o.percent), [0, 0, 0]);
        });

        test('refuses an unknown option or poll', async () => {
          const poll = await createPoll();
          const unknown = await server.api('POST', `${poll}/votes`, { optionId: 9 });
          assert.equal(unknown.status, 400);
          assert.ok(unknown.body.errors.optionId);
          assert.equal((await server.api('POST', '/api/polls/00000000-0000-4000-8000-000000000000/votes', { optionId: 1 })).status, 404);
          assert.equal((await server.api('DELETE', poll)).status, 204);
          assert.equal((await server.api('GET', poll)).status, 404);
        });

        test('refuses a missing question and too few, too many, blank or repeated options', async () => {
          const eleven = Array.from({ length: 11 }, (_, i) => `Option ${i + 1}`);
          for (const [body, field] of [[{ question: '', options: ['Yes', 'No'] }, 'question'], [{ question: 'Ok?', options: ['Yes'] }, 'options'],
            [{ question: 'Ok?', options: eleven }, 'options'], [{ question: 'Ok?', options: ['Yes', ' '] }, 'options'], [{ question: 'Ok?', options: ['Yes', 'yes'] }, 'options']]) {
            const res = await server.api('POST', '/api/polls', body);
            assert.equal(res.status, 400, JSON.stringify(body));
            assert.ok(res.body.errors[field], field);
          }
        });

        """);
}
