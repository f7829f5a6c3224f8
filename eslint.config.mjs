// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'esbuild.js', 'scripts/**', 'eslint.config.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // `import { z } from 'zod'` makes esbuild keep all of zod (its locales too): 880 KB bundles; classic zod at all, 67 KB more than zod/mini.
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']", message: "Import zod as a namespace (import * as z from 'zod') so the bundle keeps only what is used." }, { selector: "ImportDeclaration[source.value='zod']", message: "Use zod/mini (import * as z from 'zod/mini'; map() in src/api/schemas/primitives.ts for .transform): classic zod adds 67 KB to the bundle." }],
    },
  },
  {
    // These layers run in plain Node (unit tests, the bench): no `vscode`.
    files: ['src/api/**/*.ts', 'src/tracking/core/**/*.ts', 'src/tree/model/**/*.ts', 'src/common/emitter.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer runs in plain Node: no vscode here.', allowTypeImports: false }] }],
    },
  },
  {
    // Arrows one way: the API layer, the tree and tracking never reach into the actions.
    files: ['src/api/**/*.ts', 'src/tree/**/*.ts', 'src/tracking/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../commands', '../commands/*', '../../commands', '../../commands/*', '../../../commands/*'], message: 'src/api, src/tree and src/tracking import nothing from src/commands.' }] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
