// Lint for every TypeScript and JavaScript file of the repository (`npm run check`): ESLint's and
// typescript-eslint's recommended rules. .astro files are checked by `astro check` and Prettier.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'cms/.next/',
      'cms/next-env.d.ts',
      'cms/app/(payload)/admin/importMap.js',
      'content-schema/payload-types.ts',
      'site/dist',
      'site/dist.*',
      'site/.astro/',
      'site/.work-*',
      'site/public/',
      '.ci/.node/',
      // Written by `npm run migrate:create` (Payload), and never edited by hand.
      'cms/migrations/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `const { id: _id, ...rest } = doc` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    // CommonJS on purpose (scripts/require-node.cjs runs on any old Node): require() is its import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
