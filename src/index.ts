// Leverage library API: the public faces of each domain.
export * from './model/index.ts';
