import { getDb } from "@/lib/db";
import { getActor } from "@/lib/auth/session";
import type { ActionContext } from "./define";

export async function resolveActionContext(): Promise<ActionContext> {
  return { db: await getDb(), actor: await getActor() };
}
