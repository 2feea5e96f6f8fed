import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

export interface SecurityOptions {
  /**
   * Origins that may show the pages in a frame (CSP frame-ancestors), e.g. a web-based vision
   * mixer embedding the overlay. The server's own origin only, by default.
   */
  frameAncestors?: readonly string[];
}

/**
 * The app loads nothing from elsewhere: scripts, styles, images, fonts and the socket all come
 * from this origin, so a feed-supplied string that reaches a style (a colour) cannot fetch a URL.
 * No HSTS or upgrade-insecure-requests: Pitwall is served over plain HTTP on a paddock network.
 */
export const securityHeaders = fp<SecurityOptions>(async (app, options) => {
  const ancestors = options.frameAncestors?.length ? options.frameAncestors : ["'self'"];
  const selfOnly = ancestors.length === 1 && ancestors[0] === "'self'";
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Inline style attributes are how charts and the tower position rows.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [...ancestors],
      },
    },
    // X-Frame-Options cannot name other origins: it is only sent when CSP says the same.
    frameguard: selfOnly ? { action: 'sameorigin' } : false,
    strictTransportSecurity: false,
  });
});
