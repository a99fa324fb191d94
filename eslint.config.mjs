// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.mjs', '**/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // apps and libs talk through the public face of each lib (path aliases), never deep paths;
      // a lib's testing face is for specs (and other testing faces) only
      'no-restricted-imports': ['error', { patterns: ['@recourse/*/src/*', '**/libs/*/src/*', '@recourse/*/testing'] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@recourse/*/src/*', '**/libs/*/src/*'] }],
    },
  },
  {
    // the compiler proves a switch over a union handles every member: adding a command, event or
    // status fails lint where it is not handled (a `default:` does not count; end it in `never`)
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      // the domain is pure: no framework, no I/O
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'pg', 'bullmq', 'ioredis', 'fs', 'node:*', '@recourse/*'] }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'time comes in through a clock' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'time comes in through a clock' }],
    },
  },
);
