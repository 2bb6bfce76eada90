/*
 * server.js — the demo shop: static pages on 127.0.0.1 for the end-to-end
 * tests and the README's demo.
 *
 * Two origins, as a real checkout has: the shop (tests/demo/shop/) and a
 * payment provider on a second port (tests/demo/payments/), so a card form
 * can sit in a cross-origin iframe. Every form posts to /submit on its own
 * origin; the server keeps the last submissions in memory and shows them at
 * /submissions (JSON, newest first), so a test can check what a page really
 * sent after a fill.
 *
 *   node tests/demo/server.js [--port N] [--payments-port N]   (0 = any free port)
 *
 * Or from a test: const demo = await startDemo(); demo.shopUrl; demo.close().
 *
 * Never listens beyond 127.0.0.1, never serves a file outside its two
 * folders (and the few /vendor/ libraries from tests/node_modules), and
 * reads at most MAX_BODY_BYTES of a form post.
 */
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;
const MAX_SUBMISSIONS = 50;
/* Libraries the pages load from tests/node_modules (npm ci), by URL. */
const VENDOR = {
    '/vendor/react.js': ['react', 'umd/react.production.min.js'],
    '/vendor/react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
};
const CONTENT_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
};

function send(response, status, type, body) {
    response.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
    });
    response.end(body);
}

/* The file under @root that @urlPath names, or null when it names none. */
function resolveFile(root, urlPath) {
    let relative = decodeURIComponent(urlPath);
    if (relative.endsWith('/'))
        relative += 'index.html';
    const file = path.resolve(root, '.' + path.posix.normalize(relative));
    if (!file.startsWith(root + path.sep))
        return null;
    return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

function readForm(request) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        request.on('data', (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new Error('form too large'));
                request.destroy();
                return;
            }
            chunks.push(chunk);
        });
        request.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const type = request.headers['content-type'] ?? '';
            if (type.startsWith('application/json'))
                resolve(JSON.parse(body));
            else
                resolve(Object.fromEntries(new URLSearchParams(body)));
        });
        request.on('error', reject);
    });
}

function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/* A page that shows the posted fields back, as a shop's "order received". */
function receiptPage(fields) {
    const rows = Object.entries(fields)
        .map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
        .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order received</title>
<link rel="stylesheet" href="/demo.css"></head><body><main><h1>Order received</h1>
<table id="received">${rows}</table><p><a href="/">Back to the shop</a></p></main></body></html>`;
}

/* The file behind a /vendor/ URL, or null when the package is missing. */
function vendorFile(urlPath) {
    const [name, file] = VENDOR[urlPath];
    try {
        return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
    } catch {
        return null;
    }
}

/* The script every page may load to learn both origins (the ports are
 * chosen at start). */
function configScript(origins) {
    return `window.KEYFILL_DEMO = ${JSON.stringify(origins)};\n`;
}

function makeHandler(name, root, submissions, origins) {
    return async (request, response) => {
        const url = new URL(request.url, `http://${HOST}`);
        try {
            if (request.method === 'POST' && url.pathname === '/submit') {
                const fields = await readForm(request);
                submissions.unshift({origin: name, page: request.headers.referer ?? null,
                    at: new Date().toISOString(), fields});
                submissions.length = Math.min(submissions.length, MAX_SUBMISSIONS);
                return send(response, 200, CONTENT_TYPES['.html'], receiptPage(fields));
            }
            if (request.method === 'GET' && url.pathname === '/demo-config.js')
                return send(response, 200, CONTENT_TYPES['.js'], configScript(origins));
            if (request.method === 'GET' && url.pathname === '/submissions')
                return send(response, 200, CONTENT_TYPES['.json'], JSON.stringify(submissions));
            if (request.method !== 'GET' && request.method !== 'HEAD')
                return send(response, 405, 'text/plain', 'method not allowed\n');
            const file = Object.hasOwn(VENDOR, url.pathname) ? vendorFile(url.pathname)
                : resolveFile(root, url.pathname);
            if (file === null)
                return send(response, 404, 'text/plain', 'not found\n');
            const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
            return send(response, 200, type, fs.readFileSync(file));
        } catch (error) {
            return send(response, 400, 'text/plain', `bad request: ${error.message}\n`);
        }
    };
}

function listen(server, port) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HOST, () => resolve(server.address().port));
    });
}

/*
 * startDemo({port, paymentsPort}) — starts both origins (port 0: any free
 * port) and resolves with {shopUrl, paymentsUrl, submissions, close()}.
 * Pages learn both origins from /demo-config.js (window.KEYFILL_DEMO).
 */
async function startDemo({port = 0, paymentsPort = 0} = {}) {
    const submissions = [];
    const origins = {};
    const shop = http.createServer(
        makeHandler('shop', path.join(__dirname, 'shop'), submissions, origins));
    const payments = http.createServer(
        makeHandler('payments', path.join(__dirname, 'payments'), submissions, origins));
    origins.shopUrl = `http://${HOST}:${await listen(shop, port)}/`;
    origins.paymentsUrl = `http://${HOST}:${await listen(payments, paymentsPort)}/`;
    return {
        shopUrl: origins.shopUrl,
        paymentsUrl: origins.paymentsUrl,
        submissions,
        close: () => Promise.all([shop, payments].map(
            (server) => new Promise((resolve) => {
                server.closeAllConnections();
                server.close(resolve);
            }))),
    };
}

module.exports = {startDemo};

if (require.main === module) {
    const option = (flag) => {
        const at = process.argv.indexOf(flag);
        return at > 0 ? Number(process.argv[at + 1]) : 0;
    };
    startDemo({port: option('--port'), paymentsPort: option('--payments-port')}).then((demo) => {
        process.stdout.write(`shop ${demo.shopUrl}\npayments ${demo.paymentsUrl}\n`);
        const stop = () => demo.close().then(() => process.exit(0));
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    }, (error) => {
        process.stderr.write(`demo: ${error.message}\n`);
        process.exit(1);
    });
}
