export * from './variables';
export * from './template';
export * from './context';
export * from './actions';
