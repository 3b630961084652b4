import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Pure stages must stay testable without the runner: only the edges may import @actions/*.
      'no-restricted-imports': 'off'
    }
  },
  {
    files: [
      'src/requirements/**',
      'src/diagnose/**',
      'src/probe/**',
      'src/install/**',
      'src/environment/**',
      'src/report/render/**'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'Pure stages must not import @actions/*: pass an interface in.' }
          ]
        }
      ]
    }
  }
)
