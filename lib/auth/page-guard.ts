import { notFound, redirect } from "next/navigation";
import { DomainError } from "./errors";

/**
 * For pages: run a service call; a refusal or a row outside scope becomes a plain 404 and a
 * missing session goes to sign-in. The service has already done the checking.
 */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "unauthenticated") redirect("/dang-nhap");
      if (error.code === "forbidden" || error.code === "not_found") notFound();
    }
    throw error;
  }
}
