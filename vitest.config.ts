import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // CLI tests spawn node processes; on a loaded 2-core CI machine one can take a few seconds.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
