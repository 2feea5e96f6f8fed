export * from './session/model';
export * from './feed/update';
export * from './championship/schema';
