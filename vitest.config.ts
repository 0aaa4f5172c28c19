import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // OCR and end-to-end tests render and recognise real pages: seconds, not milliseconds.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
