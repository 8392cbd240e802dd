/** Runs once when the server starts: open the database (migrating it) and start the job queue. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/boot");
  await bootServer();
}
