// @ts-expect-error -- a plain ES module shared with the server script.
import { e2eDatabase } from "./database.mjs";

export default async function teardown() {
  await e2eDatabase.drop();
}
