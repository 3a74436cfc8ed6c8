export * from './views';
export * from './handlers';
export * from './errors';
export * from './protocol';
export * from './client';
