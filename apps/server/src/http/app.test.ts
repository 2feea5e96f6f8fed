import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TokenAuth } from '../auth/tokens';
import { silentLogger } from '../log/logger';
import { createHttpApp, type HttpApp } from './app';

const TOKEN = 'http-test-token';
const webRoot = mkdtempSync(path.join(tmpdir(), 'pitwall-web-'));
mkdirSync(path.join(webRoot, 'assets'));
writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Pitwall</title>');
writeFileSync(path.join(webRoot, 'assets', 'app-1234.js'), `console.log(${JSON.stringify('x'.repeat(5_000))});`);
// As the build leaves them: brotli and gzip beside the file (apps/web/scripts/precompress.mjs).
const built = `console.log(${JSON.stringify('y'.repeat(5_000))});`;
writeFileSync(path.join(webRoot, 'assets', 'app-5678.js'), built);
writeFileSync(path.join(webRoot, 'assets', 'app-5678.js.br'), brotliCompressSync(built));
writeFileSync(path.join(webRoot, 'assets', 'app-5678.js.gz'), gzipSync(built));

let app: HttpApp;

beforeAll(async () => {
  app = await createHttpApp({
    log: silentLogger,
    auth: new TokenAuth(TOKEN, { maxFailures: 3 }),
    webRoot,
    corsOrigins: ['https://overlay.example'],
    frameAncestors: ["'self'", 'https://mixer.example'],
  });
  app.get('/api/things/:id', { schema: { params: z.object({ id: z.string().max(5) }) } }, ({ params }) => ({
    id: params.id,
  }));
  app.post(
    '/api/things',
    {
      schema: { body: z.object({ name: z.string() }).strict() },
      config: { feedToken: true, invalid: 'send {"name":<text>}', rateLimit: { max: 5, timeWindow: 60_000 } },
    },
    ({ body }) => ({ named: body.name }),
  );
  await app.ready();
});

afterAll(() => app.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/things',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
  });

describe('the HTTP app every adapter adds its routes to', () => {
  it('answers a malformed URL 400 instead of leaving the request hanging', async () => {
    for (const url of ['/%', '/api/things/%E0%A4%A', '/assets/%zz']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: `malformed URL: ${JSON.stringify(url)}` });
    }
  });

  it('sends the security headers, with frame-ancestors as configured', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://mixer.example");
    // X-Frame-Options cannot allow another origin, so it is left out rather than contradicting CSP.
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('allows configured CORS origins only', async () => {
    const allowed = await app.inject({
      method: 'GET',
      url: '/api/things/a',
      headers: { origin: 'https://overlay.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://overlay.example');
    const other = await app.inject({
      method: 'GET',
      url: '/api/things/a',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('names the refused field of params and body, after the route advice', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/things/toolong' })).json()).toEqual({
      error: 'params.id: Too big: expected string to have <=5 characters',
    });
    const refused = await post('{"name":1}');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      error: 'send {"name":<text>}: name: Invalid input: expected string, received number',
    });
    expect((await post('{"name":')).json().error).toMatch(/^body is not valid JSON/);
    expect((await post('{"name":"x"}', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    expect((await post('{"__proto__":{"admin":true},"name":"x"}')).statusCode).toBe(400);
  });

  it('answers 405 with Allow for a known path and 404 JSON for an unknown API path', async () => {
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/api/things' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    const unknown = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'no such endpoint: GET /api/nothing' });
  });

  it('serves the web app: deep links get index.html, hashed assets are immutable and compressed', async () => {
    const deepLink = await app.inject({ method: 'GET', url: '/session/demo-mx5/class/MX5' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<title>Pitwall</title>');
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/app-1234.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.rawPayload.length).toBeLessThan(1_000);
    const etag = (await app.inject({ method: 'GET', url: '/assets/app-1234.js' })).headers.etag;
    expect(etag).toBeTruthy();
    const revalidated = await app.inject({
      method: 'GET',
      url: '/assets/app-1234.js',
      headers: { 'if-none-match': String(etag) },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('sends the brotli or gzip file the build wrote, as the browser accepts, with the same caching', async () => {
    const brotli = await app.inject({
      method: 'GET',
      url: '/assets/app-5678.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(built);
    const gzip = await app.inject({
      method: 'GET',
      url: '/assets/app-5678.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload).toEqual(gzipSync(built));
    const plain = await app.inject({
      method: 'GET',
      url: '/assets/app-5678.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(built);
  });

  it('refuses a write without the token, locks out a guesser, and rate-limits writes', async () => {
    const guesser = { remoteAddress: '10.0.0.9' };
    const guess = () =>
      app.inject({
        method: 'POST',
        url: '/api/things',
        headers: { authorization: 'Bearer guess', 'content-type': 'application/json' },
        body: '{"name":"x"}',
        ...guesser,
      });
    for (let i = 0; i < 3; i++) expect((await guess()).json()).toEqual({ error: 'feed token missing or wrong' });
    const locked = await guess();
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();

    const writer = { remoteAddress: '10.0.0.10' };
    const write = () =>
      app.inject({
        method: 'POST',
        url: '/api/things',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: '{"name":"x"}',
        ...writer,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await write()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await write()).json().error).toMatch(/^too many requests: retry in/);
  });
});

describe('without a built web app', () => {
  it('answers 503 naming how to build it', async () => {
    const bare = await createHttpApp({ log: silentLogger, auth: new TokenAuth(TOKEN), webRoot: '/nonexistent' });
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('pnpm run build');
    await bare.close();
  });
});
