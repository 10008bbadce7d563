/**
 * Migrates one template database per run and hands it to every test file:
 *  - PGlite (default): a dumpDataDir() snapshot written to a temp file, loaded per test file (~1 s);
 *  - PostgreSQL (DATABASE_URL set): a template database that each test file copies with CREATE DATABASE.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/bootstrap.js';
import { adminUrl, templateDatabaseOf, withDatabase } from './helpers/postgres-urls.js';
import { useTestAuditKey } from './helpers/test-audit-key.js';

export default async function setup(project: TestProject) {
  useTestAuditKey();
  const url = process.env.DATABASE_URL;
  if (url) {
    const TEMPLATE_DB = templateDatabaseOf(url);
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    const database = openPostgres(withDatabase(url, TEMPLATE_DB));
    await prepareDatabase(database, new Date('2026-01-01T00:00:00+08:00'));
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', url });
    return async () => {
      await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zc-template-'));
  const client = new PGlite();
  const database = openPglite(client);
  await prepareDatabase(database, new Date('2026-01-01T00:00:00+08:00'));
  const dump = await client.dumpDataDir('none');
  await client.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('dbTemplate', { kind: 'pglite', file });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; file: string } | { kind: 'postgres'; url: string };
  }
}
