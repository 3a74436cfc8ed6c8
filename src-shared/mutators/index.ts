export * from './tx';
export * from './status';
export * from './conversation';
export * from './macros';
export * from './registry';
export * from './workflow';
export * from './merge';
export * from './delivery';
