export * from './tx';
export * from './status';
export * from './conversation';
export * from './registry';
export * from './merge';
