import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // sqlite3 is a native addon; separate processes keep each suite's handles apart.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
