// lib/env.ts parses the environment once per process; a test that changes a
// variable the code under test reads drops that parse, so the next read sees it.
export function resetEnvForTests(): void {
  delete (globalThis as { __env?: unknown }).__env;
}
