export * from './derive';
