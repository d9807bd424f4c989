export * from './flows.ts';
