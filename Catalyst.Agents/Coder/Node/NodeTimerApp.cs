using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>
/// Countdown timers and stopwatches: the time arithmetic in src/timer.js (pure, given the time), the routes in
/// src/routes/timers.js with the clock injected through createApp({ now }).
/// </summary>
static class NodeTimerApp
{
    public static IReadOnlyList<GeneratedFile> Source() =>
    [
        new("src/timer.js", """
            'use strict';

            /**
             * A countdown (with durationSeconds) or a stopwatch (durationSeconds null). Only the start and pause times
             * (milliseconds since the epoch) are stored; the elapsed and remaining time are computed from them, so a
             * running timer keeps running across a reload or a restart.
             */
            const MODES = ['countdown', 'stopwatch'];

            function elapsedMs(timer, now) {
              if (timer.startedAt === null) return 0;
              const elapsed = (timer.pausedAt ?? now) - timer.startedAt - timer.pausedMs;
              const limit = timer.durationSeconds === null ? Infinity : timer.durationSeconds * 1000;
              return Math.min(Math.max(elapsed, 0), limit);
            }

            /** Null for a stopwatch. */
            function remainingMs(timer, now) {
              return timer.durationSeconds === null ? null : timer.durationSeconds * 1000 - elapsedMs(timer, now);
            }

            function state(timer, now) {
              if (timer.startedAt === null) return 'idle';
              if (remainingMs(timer, now) === 0) return 'finished';
              return timer.pausedAt === null ? 'running' : 'paused';
            }

            /** Each action: the state it needs (null: any) and the timer it gives. */
            const ACTIONS = {
              start: { from: 'idle', apply: (timer, now) => ({ ...timer, startedAt: now, pausedAt: null, pausedMs: 0 }) },
              pause: { from: 'running', apply: (timer, now) => ({ ...timer, pausedAt: now }) },
              resume: { from: 'paused', apply: (timer, now) => ({ ...timer, pausedAt: null, pausedMs: timer.pausedMs + (now - timer.pausedAt) }) },
              reset: { from: null, apply: (timer) => ({ ...timer, startedAt: null, pausedAt: null, pausedMs: 0 }) },
            };

            /** The timer after the action, or null when the action does not fit its state. */
            function apply(timer, action, now) {
              const rule = ACTIONS[action];
              if (rule.from !== null && rule.from !== state(timer, now)) return null;
              return rule.apply(timer, now);
            }

            function view(timer, now) {
              return {
                id: timer.id, label: timer.label, mode: timer.mode, durationSeconds: timer.durationSeconds, state: state(timer, now),
                elapsedMs: elapsedMs(timer, now), remainingMs: remainingMs(timer, now), createdAt: timer.createdAt,
              };
            }

            module.exports = { MODES, ACTIONS: Object.keys(ACTIONS), elapsedMs, remainingMs, state, apply, view };

            """),
        new("src/routes/timers.js", """
            'use strict';
            const express = require('express');
            const { randomUUID } = require('node:crypto');
            const v = require('../validation');
            const { problem, validationProblem } = require('../http');
            const timers = require('../timer');

            const MAX_SECONDS = 86400;

            /** Reads { label, mode, durationSeconds } into a new timer, or collects the errors. */
            function readTimer(body, errors) {
              const input = v.isObject(body) ? body : {};
              const label = v.text(input, 'label', 'label', true, errors, 100);
              const mode = typeof input.mode === 'string' && input.mode.trim() !== '' ? input.mode.trim().toLowerCase() : 'countdown';
              if (!timers.MODES.includes(mode)) errors.add('mode', 'mode must be countdown or stopwatch.');
              let durationSeconds = null;
              if (mode === 'countdown') {
                durationSeconds = v.integer(input, 'durationSeconds', 'durationSeconds', true, errors);
                if (durationSeconds !== null && (durationSeconds < 1 || durationSeconds > MAX_SECONDS)) {
                  errors.add('durationSeconds', `durationSeconds must be from 1 to ${MAX_SECONDS}.`);
                }
              }
              return { label, mode, durationSeconds };
            }

            /** Countdown timers and stopwatches under /api/timers; now() is the clock (milliseconds since the epoch). */
            module.exports = function routes({ collection, now }) {
              const store = collection('timers');
              const router = express.Router();
              const notFound = (res, id) => problem(res, 404, 'Not Found', `There is no timer ${id}.`);

              router.get('/api/timers', (req, res) => {
                const at = now();
                res.json(store.all().map((timer) => timers.view(timer, at)));
              });

              router.post('/api/timers', (req, res) => {
                const errors = new v.Errors();
                const input = readTimer(req.body, errors);
                if (errors.any) return validationProblem(res, errors.errors);
                const at = now();
                const timer = store.insert({ id: randomUUID(), ...input, startedAt: null, pausedAt: null, pausedMs: 0, createdAt: new Date(at).toISOString() });
                return res.status(201).location(`/api/timers/${timer.id}`).json(timers.view(timer, at));
              });

              router.get('/api/timers/:id', (req, res) => {
                const timer = store.find(req.params.id);
                return timer ? res.json(timers.view(timer, now())) : notFound(res, req.params.id);
              });

              router.delete('/api/timers/:id', (req, res) => (store.remove(req.params.id) ? res.status(204).end() : notFound(res, req.params.id)));

              /** Start, pause, resume or reset: 409 when the action does not fit the timer's state. */
              router.post('/api/timers/:id/:action', (req, res) => {
                const { action } = req.params;
                if (!timers.ACTIONS.includes(action)) return validationProblem(res, { action: ['action must be start, pause, resume or reset.'] });
                const timer = store.find(req.params.id);
                if (!timer) return notFound(res, req.params.id);
                const at = now();
                const changed = timers.apply(timer, action, at);
                if (!changed) return problem(res, 409, 'Conflict', `A ${timers.state(timer, at)} timer cannot ${action}.`);
                return res.json(timers.view(store.replace(changed), at));
              });
              return router;
            };

            """),
    ];

    public static GeneratedFile Tests() => new("test/timers.test.js", """
        'use strict';
        const { test, before, after } = require('node:test');
        const assert = require('node:assert/strict');
        const fs = require('node:fs');
        const os = require('node:os');
        const path = require('node:path');
        const { once } = require('node:events');
        const { createApp } = require('../src/app');
        const { client } = require('./helpers');
        const timer = require('../src/timer');

        const NOON = Date.parse('2026-01-15T12:00:00Z');
        const clock = { now: NOON };
        let server;

        /** The app with the test's clock, on an ephemeral port. */
        async function listen(dataDir) {
          const http = createApp({ dataDir, now: () => clock.now }).listen(0, '127.0.0.1');
          await once(http, 'listening');
          return {
            api: client(`http://127.0.0.1:${http.address().port}`),
            close: () => new Promise((resolve) => {
              http.closeAllConnections();
              http.close(resolve);
            }),
          };
        }

        before(async () => { server = await listen(':memory:'); });
        after(() => server.close());

        const countdown = (seconds = 60) => ({ id: 'a', label: 'Tea', mode: 'countdown', durationSeconds: seconds, startedAt: null, pausedAt: null, pausedMs: 0 });
        const at = (seconds) => NOON + seconds * 1000;

        test('a running countdown counts down and a pause stops the clock', () => {
          const running = timer.apply(countdown(), 'start', NOON);
          assert.deepEqual([timer.state(running, at(10)), timer.remainingMs(running, at(10))], ['running', 50000]);
          const paused = timer.apply(running, 'pause', at(10));
          assert.deepEqual([timer.state(paused, at(300)), timer.remainingMs(paused, at(300))], ['paused', 50000]);
          const resumed = timer.apply(paused, 'resume', at(300));
          assert.deepEqual([timer.state(resumed, at(305)), timer.remainingMs(resumed, at(305)), timer.elapsedMs(resumed, at(305))], ['running', 45000, 15000]);
        });

        test('a countdown that runs out is finished with nothing left', () => {
          const running = timer.apply(countdown(60), 'start', NOON);
          assert.deepEqual([timer.state(running, at(180)), timer.remainingMs(running, at(180)), timer.elapsedMs(running, at(180))], ['finished', 0, 60000]);
          assert.equal(timer.apply(running, 'pause', at(180)), null);
        });

        test('a stopwatch counts up without an end', () => {
          const stopwatch = timer.apply({ ...countdown(), mode: 'stopwatch', durationSeconds: null }, 'start', NOON);
          assert.deepEqual([timer.state(stopwatch, at(7200)), timer.elapsedMs(stopwatch, at(7200)), timer.remainingMs(stopwatch, at(7200))], ['running', 7200000, null]);
        });

        test('actions that do not fit the state are refused, and reset always works', () => {
          const running = timer.apply(countdown(), 'start', NOON);
          const paused = timer.apply(running, 'pause', at(5));
          for (const [subject, action] of [[countdown(), 'pause'], [countdown(), 'resume'], [running, 'start'], [running, 'resume'], [paused, 'start'], [paused, 'pause']]) {
            assert.equal(timer.apply(subject, action, at(10)), null, `${timer.state(subject, at(10))} → ${action}`);
            const reset = timer.apply(subject, 'reset', at(10));
            assert.deepEqual([timer.state(reset, at(20)), timer.remainingMs(reset, at(20))], ['idle', 60000]);
          }
        });

        test('starts, pauses, resumes and resets a timer through the API', async () => {
          const created = await server.api('POST', '/api/timers', { label: 'Tea', durationSeconds: 180 });
          assert.equal(created.status, 201, created.text);
          const url = `/api/timers/${created.body.id}`;
          assert.equal((await server.api('POST', `${url}/start`)).body.state, 'running');
          clock.now += 30000;
          assert.equal((await server.api('GET', url)).body.remainingMs, 150000);
          assert.equal((await server.api('POST', `${url}/start`)).status, 409);

          await server.api('POST', `${url}/pause`);
          clock.now += 600000;
          const resumed = await server.api('POST', `${url}/resume`);
          assert.deepEqual([resumed.body.state, resumed.body.remainingMs], ['running', 150000]);
          const reset = await server.api('POST', `${url}/reset`);
          assert.deepEqual([reset.body.state, reset.body.remainingMs], ['idle', 180000]);
          assert.ok((await server.api('GET', '/api/timers')).body.some((t) => t.id === created.body.id));
          assert.equal((await server.api('DELETE', url)).status, 204);
          assert.equal((await server.api('POST', `${url}/start`)).status, 404);
          assert.equal((await server.api('POST', `${url}/explode`)).status, 400);
        });

        test('a running timer keeps its time across a restart', async () => {
          const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timers-'));
          try {
            const first = await listen(dataDir);
            const created = await first.api('POST', '/api/timers', { label: 'Run', mode: 'stopwatch' });
            await first.api('POST', `/api/timers/${created.body.id}/start`);
            await first.close();
            clock.now += 90000;
            const second = await listen(dataDir);
            const read = await second.api('GET', `/api/timers/${created.body.id}`);
            await second.close();
            assert.deepEqual([read.body.state, read.body.elapsedMs], ['running', 90000]);
          } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
          }
        });

        test('rejects bad timers', async () => {
          for (const [body, field] of [[{ label: '', durationSeconds: 60 }, 'label'], [{ label: 'Tea', durationSeconds: 0 }, 'durationSeconds'],
            [{ label: 'Tea', durationSeconds: 86401 }, 'durationSeconds'], [{ label: 'Tea', mode: 'egg', durationSeconds: 60 }, 'mode']]) {
            const res = await server.api('POST', '/api/timers', body);
            assert.equal(res.status, 400, JSON.stringify(body));
            assert.ok(res.body.errors[field], field);
          }
        });

        """);
}
