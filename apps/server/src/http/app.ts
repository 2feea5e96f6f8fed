import type { IncomingMessage, ServerResponse } from 'node:http';
import fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorAnswerSchema } from '@pitwall/shared';
import FindMyWay, { type HTTPMethod, type HTTPVersion } from 'find-my-way';
import { feedTokenGuard } from '../auth/guards';
import type { TokenAuth } from '../auth/tokens';
import type { Logger } from '../log/logger';
import { errorAnswer, HttpError, MAX_BODY_BYTES } from './errors';
import { securityHeaders, type SecurityOptions } from './security';
import { webApp } from './web-app';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * How an adapter adds its HTTP routes: `app.get/post/...` with zod schemas for params, query
 * and body. A route that writes sets `config: { feedToken: true }` and is then guarded by the
 * feed token and rate-limited like every write (its own `config.rateLimit` overrides the default).
 */
export type RoutePlugin<Deps> = (app: HttpApp, deps: Deps) => void;

export interface HttpOptions extends SecurityOptions {
  log: Logger;
  auth: TokenAuth;
  /** The built web app, served with deep links falling back to its index.html. */
  webRoot: string;
  /** Browser origins other than the server's own that may call the API; none by default. */
  corsOrigins?: readonly string[];
}

/** Writes per client address: far above what a timing feed sends, far below a flood. */
const WRITE_LIMIT = { max: 600, timeWindow: 10_000 };

/** The Fastify app with everything but the routes of the adapters, which the caller adds. */
export async function createHttpApp(options: HttpOptions): Promise<HttpApp> {
  const answerError = errorAnswer(options.log);
  const app: HttpApp = fastify({
    loggerInstance: options.log.pino as FastifyBaseLogger,
    // Errors are logged by errorAnswer; a line per request would drown the race's own log.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    return503OnClosing: true,
    frameworkErrors: answerError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas type the handlers and describe the answers in /api/docs; the answers are sent
  // as built, not parsed again on the way out (a zod parse of every session answer would cost each
  // request, and strip what a schema does not yet name).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(answerError);
  acceptJsonBodies(app);

  const routes = FindMyWay<HTTPVersion.V1>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (route.url !== '/*') routes.on(method.toUpperCase() as HTTPMethod, route.url, () => {});
    // Every refusal of the API has one shape, whatever the route.
    if (route.url.startsWith('/api/'))
      route.schema = {
        ...route.schema,
        response: {
          '4XX': errorAnswerSchema,
          '5XX': errorAnswerSchema,
          ...(route.schema?.response as object | undefined),
        },
      };
    if (route.config?.feedToken) {
      route.config.rateLimit ??= WRITE_LIMIT;
      route.schema = { ...route.schema, security: [{ feedToken: [] }] };
      route.onRequest = [feedTokenGuard(options.auth), ...[route.onRequest ?? []].flat()];
      if (route.schema?.body) route.preValidation = [requireJson, ...[route.preValidation ?? []].flat()];
    }
  });

  await app.register(securityHeaders, options);
  await app.register(cors, { origin: options.corsOrigins?.length ? [...options.corsOrigins] : false });
  await app.register(compress);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, `too many requests: retry in ${context.after}`, Math.ceil(context.ttl / 1000)),
  });
  await app.register(webApp, { root: options.webRoot });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pitwall HTTP API',
        version: '1',
        description: 'Live timing, class splits and projected championship standings. See docs/http-api.md.',
      },
      components: {
        securitySchemes: { feedToken: { type: 'http', scheme: 'bearer', description: 'The feed token' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  // Generated from the routes' own schemas, so it cannot drift from what the server accepts.
  app.get('/api/docs', { schema: { hide: true } }, () => app.swagger());

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    const allowed = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (method) => method !== request.method && routes.find(method as HTTPMethod, pathname),
    );
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return reply.code(405).send({ error: `${request.method} is not allowed on ${pathname}` });
    }
    if (!pathname.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD'))
      return reply.webAppIndex();
    return reply.code(404).send({ error: `no such endpoint: ${request.method} ${request.url}` });
  });
  return app;
}

/** Fastify's JSON parser (it refuses `__proto__` keys), with this API's words for bad JSON. */
function acceptJsonBodies(app: HttpApp): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Clients send the header on body-less requests (DELETE) too: no body is no body, not bad JSON.
    if (body === '') return done(null, undefined);
    parse(request, body as string, (error, value) => {
      if (error) done(new HttpError(400, `body is not valid JSON: ${error.message}`), undefined);
      else done(null, value);
    });
  });
}

async function requireJson(request: FastifyRequest, _reply: FastifyReply) {
  if (!(request.headers['content-type'] ?? '').includes('application/json'))
    throw new HttpError(415, 'send the body as application/json');
}
