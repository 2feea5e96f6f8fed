// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What the domain core may never import: it stays pure, runnable in the browser and the server alike. */
const NOT_IN_THE_CORE = [
  { group: ['node:*'], message: 'packages/shared is pure domain: no I/O. Put it in an adapter in apps/server.' },
  {
    group: ['fastify', 'fastify-*', '@fastify/*', 'socket.io', 'socket.io-client', 'better-sqlite3', 'pino', 'pino-*'],
    message: 'packages/shared knows no framework: the server adapters do.',
  },
  {
    group: ['react', 'react-dom', 'react/*', 'zustand', '@tanstack/*', 'recharts'],
    message: 'packages/shared knows no UI: the web app does.',
  },
];
const NODE_BUILTINS = ['fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'events', 'url', 'util'];

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'e2e/artifacts/', '.pitwall-data/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `typeof import('./x')` stays allowed: vi.mock's importOriginal is typed that way.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/shared/src/**/*.ts'],
    ignores: ['packages/shared/src/**/*.test.ts', 'packages/shared/src/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: NOT_IN_THE_CORE, paths: NODE_BUILTINS }],
      // Timers and the clock are I/O to the core: time comes in as data.
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'process', 'window', 'document', 'fetch'].map((name) => ({
          name,
          message: 'packages/shared is pure: no timers, process, browser or network.',
        })),
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['apps/server/**/*.ts', 'e2e/**/*.ts', '*.{mjs,ts}', 'packages/shared/src/**/*.test.ts'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
