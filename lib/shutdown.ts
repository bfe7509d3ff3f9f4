import "server-only";

type Task = (signal: NodeJS.Signals) => Promise<unknown> | unknown;

const globalForShutdown = globalThis as unknown as { __shutdownTasks?: Set<Task> };

// What must happen when the server is asked to stop (SIGTERM, SIGINT):
// preview processes stopped, running cycles closed. One listener runs every
// task; when nothing else handles the signal (`next start` does, and exits
// once its own cleanup is done), it exits itself afterwards, as the signal's
// default would have.
export function onShutdown(task: Task): void {
  if (!globalForShutdown.__shutdownTasks) {
    const tasks = new Set<Task>();
    globalForShutdown.__shutdownTasks = tasks;
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const listener = async () => {
        await Promise.allSettled([...tasks].map(async (run) => run(signal)));
        if (process.listenerCount(signal) === 1) process.exit(signal === "SIGTERM" ? 143 : 130);
      };
      process.on(signal, listener);
    }
  }
  globalForShutdown.__shutdownTasks.add(task);
}
