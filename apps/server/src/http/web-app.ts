import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import serveStatic from '@fastify/static';

declare module 'fastify' {
  interface FastifyReply {
    /** Answers with the web app's index.html: for deep links, whose URL holds session and class. */
    webAppIndex(): FastifyReply;
  }
}

const NOT_BUILT = 'The web app is not built: run `npm start` (it builds everything) or `pnpm run build`.';

/**
 * Serves the built web app with ETags, brotli or gzip as the browser accepts, taken from the
 * files the build compressed. Vite names every file under /assets/ by its content, so those are
 * cached for good; everything else is revalidated on each load.
 */
export const webApp = fp<{ root: string }>(async (app, { root }) => {
  const index = path.join(root, 'index.html');
  await app.register(serveStatic, {
    root,
    // The build writes .br and .gz beside each file (apps/web/scripts/precompress.mjs).
    preCompressed: true,
    setHeaders: (reply, file) => {
      const immutable = path.relative(root, file).startsWith(`assets${path.sep}`);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.decorateReply('webAppIndex', function () {
    if (!existsSync(index)) return this.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return this.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
