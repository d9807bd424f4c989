import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import leverage from './scripts/eslint/import-direction.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'web/dist/**',
      'data/**',
      'test/fixtures/**',
      'test/package/app/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // issue 12: imports point down the layers; folders are imported through their index.ts
    files: ['src/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'],
    plugins: { leverage },
    rules: { 'leverage/import-direction': 'error' },
  },
);
