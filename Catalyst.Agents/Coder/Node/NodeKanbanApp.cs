using Catalyst.Agents.Understanding;
using Catalyst.Core.Git;

namespace Catalyst.Agents.Coder.Node;

/// <summary>A kanban board: To do, Doing and Done columns of cards that can be added, moved, reordered and deleted.</summary>
static class NodeKanbanApp
{
    static string Columns => string.Join(", ", ArchetypeCatalog.KanbanColumns.Select(c => $"{{ id: {Js.Str(c.Id)}, name: {Js.Str(c.Name)} }}"));

    public static IReadOnlyList<GeneratedFile> Source() =>
    [
        new("src/routes/kanban.js", $$"""
            'use strict';
            const express = require('express');
            const { randomUUID } = require('node:crypto');
            const v = require('../validation');
            const { problem, validationProblem } = require('../http');

            const COLUMNS = [{{Columns}}];
            const COLUMN_MESSAGE = `columnId must be one of ${COLUMNS.map((c) => c.id).join(', ')}.`;
            const isColumn = (id) => COLUMNS.some((c) => c.id === id);

            /** The board under /api/board; its cards under /api/cards: add, move (to a column and position) and delete. */
            module.exports = function routes({ collection }) {
              const store = collection('cards');
              const router = express.Router();
              const notFound = (res, id) => problem(res, 404, 'Not Found', `There is no card ${id}.`);
              const inColumn = (columnId) => store.all().filter((c) => c.columnId === columnId).sort((a, b) => a.position - b.position);
              const renumber = (cards) => cards.forEach((card, position) => store.replace({ ...card, position }));

              router.get('/api/board', (req, res) => res.json({ columns: COLUMNS.map((c) => ({ ...c, cards: inColumn(c.id) })) }));

              router.post('/api/cards', (req, res) => {
                const errors = new v.Errors();
                const input = v.isObject(req.body) ? req.body : {};
                const title = v.string(input, 'title', 'title', true, errors);
                const description = v.text(input, 'description', 'description', false, errors, 2000);
                const columnId = typeof input.columnId === 'string' && input.columnId.trim() !== '' ? input.columnId.trim() : COLUMNS[0].id;
                if (!isColumn(columnId)) errors.add('columnId', COLUMN_MESSAGE);
                if (errors.any) return validationProblem(res, errors.errors);
                const card = store.insert({ id: randomUUID(), title, description, columnId, position: inColumn(columnId).length, createdAt: new Date().toISOString() });
                return res.status(201).location(`/api/cards/${card.id}`).json(card);
              });

              /** Moves a card to a column and a position in it (past the end: last), closing the gap it leaves. */
              router.post('/api/cards/:id/move', (req, res) => {
                const card = store.find(req.params.id);
                if (!card) return notFound(res, req.params.id);
                const input = v.isObject(req.body) ? req.body : {};
                const errors = new v.Errors();
                if (!isColumn(input.columnId)) errors.add('columnId', COLUMN_MESSAGE);
                const position = input.position ?? null;
                if (position !== null && (!Number.isInteger(position) || position < 0)) errors.add('position', 'position must be a whole number, 0 or more.');
                if (errors.any) return validationProblem(res, errors.errors);
                const target = inColumn(input.columnId).filter((c) => c.id !== card.id);
                target.splice(Math.min(position ?? target.length, target.length), 0, { ...card, columnId: input.columnId });
                renumber(target);
                if (card.columnId !== input.columnId) renumber(inColumn(card.columnId));
                return res.json(store.find(card.id));
              });

              router.delete('/api/cards/:id', (req, res) => {
                const card = store.find(req.params.id);
                if (!card) return notFound(res, req.params.id);
                store.remove(card.id);
                renumber(inColumn(card.columnId));
                return res.status(204).end();
              });
              return router;
            };

            """),
    ];

    public static GeneratedFile Tests() => new("test/kanban.test.js", """
        'use strict';
        const { test, beforeEach, afterEach } = require('node:test');
        const assert = require('node:assert/strict');
        const { start } = require('./helpers');

        let server;
        beforeEach(async () => { server = await start(); });
        afterEach(() => server.close());

        async function add(title, columnId) {
          const res = await server.api('POST', '/api/cards', { title, description: `About ${title}`, columnId });
          assert.equal(res.status, 201, res.text);
          return res.body.id;
        }

        /** The cards of each column, top to bottom: "todo: A0, B1 | doing: C0 | done: ". */
        async function board() {
          const { columns } = (await server.api('GET', '/api/board')).body;
          return columns.map((c) => `${c.id}: ${c.cards.map((card) => `${card.title}${card.position}`).join(', ')}`).join(' | ');
        }

        const move = (id, columnId, position) => server.api('POST', `/api/cards/${id}/move`, { columnId, position });

        test('starts with To do, Doing and Done', async () => {
          const { columns } = (await server.api('GET', '/api/board')).body;
          assert.deepEqual(columns.map((c) => [c.name, c.cards.length]), [['To do', 0], ['Doing', 0], ['Done', 0]]);
        });

        test('adds cards at the bottom of their column', async () => {
          await add('A');
          await add('B', 'todo');
          await add('C', 'doing');
          assert.equal(await board(), 'todo: A0, B1 | doing: C0 | done: ');
        });

        test('moves a card to another column and position and leaves no gap', async () => {
          await add('A');
          const b = await add('B');
          await add('C');
          await add('D', 'doing');
          const moved = await move(b, 'doing', 0);
          assert.equal(moved.status, 200, moved.text);
          assert.deepEqual([moved.body.columnId, moved.body.position], ['doing', 0]);
          assert.equal(await board(), 'todo: A0, C1 | doing: B0, D1 | done: ');
        });

        test('reorders a card within its column', async () => {
          await add('A');
          await add('B');
          const c = await add('C');
          await move(c, 'todo', 0);
          assert.equal(await board(), 'todo: C0, A1, B2 | doing:  | done: ');
          await move(c, 'todo', 99);
          assert.equal(await board(), 'todo: A0, B1, C2 | doing:  | done: ');
        });

        test('deletes a card and closes the gap', async () => {
          const a = await add('A');
          await add('B');
          assert.equal((await server.api('DELETE', `/api/cards/${a}`)).status, 204);
          assert.equal(await board(), 'todo: B0 | doing:  | done: ');
          assert.equal((await server.api('DELETE', `/api/cards/${a}`)).status, 404);
        });

        test('refuses bad cards and bad moves', async () => {
          for (const [body, field] of [[{ title: '', columnId: 'todo' }, 'title'], [{ title: 'Write', columnId: 'later' }, 'columnId']]) {
            const res = await server.api('POST', '/api/cards', body);
            assert.equal(res.status, 400, JSON.stringify(body));
            assert.ok(res.body.errors[field], field);
          }
          const a = await add('A');
          assert.equal((await move(a, 'later')).status, 400);
          assert.equal((await move(a, 'done', -1)).status, 400);
          assert.equal((await move('00000000-0000-4000-8000-000000000000', 'done')).status, 404);
        });

        """);
}
