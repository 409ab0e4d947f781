using Catalyst.Agents.Coder.Dotnet;
using Catalyst.Agents.Understanding;
using LibGit2Sharp;

namespace Catalyst.Tests.Explorer;

/// <summary>
/// Repositories the Explorer tests scan, made by the tests with known contents: a small Express shop with a
/// committed (fake) AWS key, and an app the Catalyst generator writes.
/// </summary>
public static class FixtureRepositories
{
    /// <summary>Built at run time so no key-shaped literal is committed to Catalyst itself.</summary>
    public static readonly string FakeAwsKey = "AKIA" + string.Concat(Enumerable.Repeat("Q7X2", 4));

    public static readonly IReadOnlyDictionary<string, string> Express = new Dictionary<string, string>
    {
        ["package.json"] = """
            {
              "name": "express-shop",
              "version": "1.0.0",
              "license": "MIT",
              "engines": { "node": ">=20" },
              "scripts": { "start": "node server.js", "test": "node --test" },
              "dependencies": { "express": "^4.18.2", "mongoose": "^8.0.0" }
            }
            """,
        ["server.js"] = """
            const express = require('express');
            const products = require('./routes/products');
            const app = express();
            app.use(express.json());
            app.get('/health', (req, res) => res.json({ status: 'ok' }));
            app.use('/api/products', products);
            app.get('/api/orders', (req, res) => res.json([]));
            app.post('/api/orders', (req, res) => res.status(201).json(req.body));
            module.exports = app;
            if (require.main === module) app.listen(process.env.PORT || 3000);
            """,
        ["routes/products.js"] = """
            const express = require('express');
            const Product = require('../models/product');
            const router = express.Router();
            router.get('/', async (req, res) => res.json(await Product.find()));
            router.get('/:id', async (req, res) => res.json(await Product.findById(req.params.id)));
            router.post('/', async (req, res) => res.status(201).json(await Product.create(req.body)));
            router.delete('/:id', async (req, res) => res.status(204).end());
            module.exports = router;
            """,
        ["models/product.js"] = """
            const mongoose = require('mongoose');

            const productSchema = new mongoose.Schema({
              name: { type: String, required: true },
              price: { type: Number, required: true },
              inStock: Boolean,
              tags: [String],
            });

            module.exports = mongoose.model('Product', productSchema);
            """,
        ["models/order.js"] = """
            const mongoose = require('mongoose');

            const orderSchema = new mongoose.Schema({
              customerEmail: { type: String, required: true },
              productId: { type: mongoose.Schema.Types.ObjectId, ref: 'Product' },
              quantity: { type: Number, required: true },
              placedAt: Date,
            });

            module.exports = mongoose.model('Order', orderSchema);
            """,
        ["config.js"] = $$"""
            // Settings for the shop.
            module.exports = { awsAccessKeyId: "{{FakeAwsKey}}", port: 3000 };
            """,
        ["test/products.test.js"] = """
            const test = require('node:test');
            const assert = require('node:assert');

            test('lists products', () => {
              assert.ok(true);
            });

            test('creates a product', () => {
              assert.ok(true);
            });
            """,
        ["README.md"] = """
            # Express shop

            A small shop API that keeps products and the orders placed for them.

            ## Install

                npm install

            ## Usage

                npm start
            """,
    };

    public static readonly string[] ExpressEndpoints =
    [
        "DELETE /api/products/:id", "GET /api/orders", "GET /api/products", "GET /api/products/:id", "GET /health", "POST /api/orders", "POST /api/products",
    ];

    /// <summary>A git repository at <paramref name="path"/> with <paramref name="files"/>, in two commits (the second adds the README).</summary>
    public static string Create(string path, IReadOnlyDictionary<string, string> files)
    {
        Repository.Init(path);
        using var repository = new Repository(path);
        var author = new Signature("Fixture Author", "fixture@example.com", DateTimeOffset.UtcNow.AddDays(-3));
        Commit(repository, path, files.Where(f => f.Key != "README.md"), author, "feat: the shop");
        Commit(repository, path, files.Where(f => f.Key == "README.md"), author, "docs: readme");
        return path;
    }

    static void Commit(Repository repository, string root, IEnumerable<KeyValuePair<string, string>> files, Signature author, string message)
    {
        var any = false;
        foreach (var (relative, content) in files)
        {
            var full = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content + "\n");
            Commands.Stage(repository, relative);
            any = true;
        }
        if (any) repository.Commit(message, author, author);
    }

    /// <summary>The app the Catalyst generator writes for <paramref name="prompt"/>, as a repository.</summary>
    public static (string Path, AppSpec Spec) Generated(string path, string prompt)
    {
        var spec = new RequestParser().Parse(prompt);
        var files = new DotnetAppGenerator().Generate(spec).SelectMany(c => c.Files)
            .GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.Last().Content);
        Create(path, files);
        return (path, spec);
    }

    public static int Lines(string content) => (content + "\n").TrimEnd('\n').Split('\n').Length;
}
