import { rm } from "node:fs/promises";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db/open";

/**
 * With TEST_DATABASE_URL, the run gets its own template database (migrated once); each test
 * file then copies it into a fresh database of its own, and everything is dropped at the end.
 * Without it, each test file uses its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  // The scratch directory for files the tests keep (see vitest.config.ts), removed at the end.
  const dataDir = project.config.env.DATA_DIR;
  const removeData = () => (dataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return removeData;
  const template = `kn_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const handle = await openDatabase({ url: withDatabase(url, template) });
  await handle.close();
  project.provide("templateDatabase", template);
  return async () => {
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`kn_t_${template}%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
    await removeData();
  };
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
