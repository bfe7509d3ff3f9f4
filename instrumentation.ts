// Runs once when the server starts: configuration is checked (a missing
// production secret stops the server here with a clear message) and the
// database is migrated before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/server-start");
  await startServer();
}
