using System.Text.Json.Nodes;

namespace Catalyst.Tests.Coding;

/// <summary>
/// What the scripted model writes for "a tic-tac-toe game": a tiny Node app with no dependencies (the quickest
/// stack for the Tester to restore and run) that honours the generated-app contract. The first round's winner
/// check skips the rows, so its own row test fails; the fix checks every line.
/// </summary>
static class TicTacToeApp
{
    public const string FailingTest = "a full row wins";

    public static JsonObject FirstRound() => Answer("A tic-tac-toe game: a board page and an API that judges the winner.", Game(lines: "LINES.slice(3)"), All());

    public static JsonObject Fix() => Answer("The winner check now looks at the rows too.", Game(lines: "LINES"));

    static JsonObject Answer(string summary, params IEnumerable<(string Path, string Content)>[] groups) => new()
    {
        ["summary"] = summary,
        ["files"] = new JsonArray([.. groups.SelectMany(g => g).Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["content"] = f.Content })]),
        ["remove"] = new JsonArray(),
    };

    static IEnumerable<(string, string)> Game(string lines) =>
    [
        ("src/game.js", $$"""
            'use strict';

            // Every line of three cells that wins: rows, columns, diagonals.
            const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];

            function winner(board) {
              for (const [a, b, c] of {{lines}}) {
                if (board[a] && board[a] === board[b] && board[a] === board[c]) return board[a];
              }
              return null;
            }

            function validBoard(board) {
              return Array.isArray(board) && board.length === 9 && board.every((cell) => ['X', 'O', ''].includes(cell));
            }

            module.exports = { winner, validBoard };

            """),
    ];

    static IEnumerable<(string, string)> All() =>
    [
        ("package.json", """
            {
              "name": "tic-tac-toe",
              "version": "1.0.0",
              "private": true,
              "type": "commonjs",
              "main": "src/server.js",
              "scripts": { "start": "node src/server.js", "test": "node --test test/*.test.js" },
              "engines": { "node": ">=20" }
            }

            """),
        ("src/app.js", """
            'use strict';
            const http = require('node:http');
            const fs = require('node:fs');
            const path = require('node:path');
            const { winner, validBoard } = require('./game');

            const PUBLIC = path.join(__dirname, '..', 'public');
            const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

            function send(res, status, body) {
              res.writeHead(status, { 'Content-Type': 'application/json' });
              res.end(JSON.stringify(body));
            }

            function readJson(req) {
              return new Promise((resolve) => {
                let text = '';
                req.on('data', (chunk) => { text += chunk; });
                req.on('end', () => { try { resolve(JSON.parse(text)); } catch { resolve(null); } });
              });
            }

            async function judge(req, res) {
              const body = await readJson(req);
              if (!body || !validBoard(body.board)) {
                return send(res, 400, { title: 'Invalid board', status: 400, errors: { board: ['board must be nine cells of X, O or empty.'] } });
              }
              return send(res, 200, { winner: winner(body.board) });
            }

            function serveFile(res, url) {
              const file = path.join(PUBLIC, url === '/' ? 'index.html' : path.basename(url));
              fs.readFile(file, (error, content) => {
                if (error) return send(res, 404, { title: 'Not found', status: 404, detail: url });
                res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'text/plain' });
                return res.end(content);
              });
            }

            // The game keeps nothing, so the data directory is accepted and unused.
            function createApp() {
              return http.createServer((req, res) => {
                if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'healthy' });
                if (req.method === 'POST' && req.url === '/api/winner') return judge(req, res);
                if (req.method === 'GET') return serveFile(res, req.url);
                return send(res, 404, { title: 'Not found', status: 404, detail: req.url });
              });
            }

            module.exports = { createApp };

            """),
        ("src/server.js", """
            'use strict';
            const { createApp } = require('./app');

            const port = process.env.PORT || 8080;
            const host = process.env.HOST || '0.0.0.0';
            const server = createApp({ dataDir: process.env.DATA_DIR || './data' }).listen(port, host, () => {
              console.log(`Tic Tac Toe listening on http://localhost:${port}`);
            });

            for (const signal of ['SIGINT', 'SIGTERM']) {
              process.on(signal, () => server.close(() => process.exit(0)));
            }

            """),
        ("test/game.test.js", $$"""
            'use strict';
            const { test, before, after } = require('node:test');
            const assert = require('node:assert');
            const { createApp } = require('../src/app');

            let server;
            let base;

            before(async () => {
              server = createApp({ dataDir: ':memory:' }).listen(0, '127.0.0.1');
              await new Promise((resolve) => server.once('listening', resolve));
              base = `http://127.0.0.1:${server.address().port}`;
            });

            after(() => server.close());

            async function judge(board) {
              const response = await fetch(`${base}/api/winner`, {
                method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ board }),
              });
              return { status: response.status, body: await response.json() };
            }

            test('the app answers healthy', async () => {
              const response = await fetch(`${base}/health`);
              assert.deepStrictEqual(await response.json(), { status: 'healthy' });
            });

            test('{{FailingTest}}', async () => {
              const { body } = await judge(['X', 'X', 'X', 'O', 'O', '', '', '', '']);
              assert.strictEqual(body.winner, 'X');
            });

            test('a diagonal wins', async () => {
              const { body } = await judge(['O', 'X', '', 'X', 'O', '', '', 'X', 'O']);
              assert.strictEqual(body.winner, 'O');
            });

            test('an unfinished board has no winner', async () => {
              const { body } = await judge(['X', 'O', '', '', '', '', '', '', '']);
              assert.strictEqual(body.winner, null);
            });

            test('a board that is not nine cells is refused', async () => {
              const { status, body } = await judge(['X']);
              assert.strictEqual(status, 400);
              assert.ok(body.errors.board);
            });

            test('the page is served', async () => {
              const response = await fetch(`${base}/`);
              assert.match(await response.text(), /<h1>Tic Tac Toe<\/h1>/);
            });

            """),
        ("public/index.html", """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Tic Tac Toe</title><link rel="stylesheet" href="styles.css"></head>
            <body>
              <header><h1>Tic Tac Toe</h1></header>
              <main><div id="board"></div><p id="message">X to play</p></main>
              <script src="app.js"></script>
            </body>
            </html>

            """),
        ("public/app.js", """
            'use strict';
            const cells = Array(9).fill('');
            let turn = 'X';
            const board = document.getElementById('board');
            const message = document.getElementById('message');

            async function play(index) {
              if (cells[index]) return;
              cells[index] = turn;
              board.children[index].textContent = turn;
              turn = turn === 'X' ? 'O' : 'X';
              const response = await fetch('/api/winner', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ board: cells }) });
              const { winner } = await response.json();
              message.textContent = winner ? `${winner} wins` : `${turn} to play`;
            }

            for (let i = 0; i < 9; i++) {
              const cell = document.createElement('button');
              cell.addEventListener('click', () => play(i));
              board.appendChild(cell);
            }

            """),
        ("public/styles.css", """
            body { font-family: system-ui, sans-serif; margin: 2rem; }
            #board { display: grid; grid-template-columns: repeat(3, 4rem); gap: 0.25rem; }
            #board button { height: 4rem; font-size: 2rem; }

            """),
        ("README.md", """
            # Tic Tac Toe

            A two-player tic-tac-toe game in the browser; the server judges the winner.

            - `npm start` serves the game on http://localhost:8080 (`PORT` to change it).
            - `npm test` runs the API tests (node:test).
            - `POST /api/winner {"board": [9 cells of "X", "O" or ""]}` answers `{"winner": "X" | "O" | null}`.

            """),
        ("Dockerfile", """
            FROM node:20-alpine
            WORKDIR /app
            ENV NODE_ENV=production PORT=8080
            COPY package*.json ./
            COPY src ./src
            COPY public ./public
            USER node
            EXPOSE 8080
            CMD ["node", "src/server.js"]

            """),
        (".env.example", "PORT=8080\nDATA_DIR=./data\n"),
    ];
}
