import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';

/**
 * The same suite on both read-model stores: SQLite (always) and PostgreSQL (DATABASE_TEST_URL, else
 * the local server). Each PostgreSQL run gets a fresh schema, selected through the URL's
 * search_path, and drops it afterwards. An unreachable server skips that variant with one line.
 */
export type ReadModelTarget = Readonly<{
  name: 'sqlite' | 'postgres';
  /** The DATABASE_URL for this run (undefined = embedded SQLite); valid inside the describe's tests. */
  databaseUrl: () => string | undefined;
}>;

export const POSTGRES_TEST_URL = process.env.DATABASE_TEST_URL || 'postgres://postgres@127.0.0.1:5432/test';

// Jest picks describe or describe.skip while loading the file, before anything async can run.
const PROBE = `const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
client.connect().then(() => client.end()).then(() => process.exit(0), (e) => { process.stderr.write(String(e && e.message)); process.exit(1); });`;

let probed: string | null | undefined;
/** null when PostgreSQL answers, else why not. */
export const postgresMissing = (): string | null => {
  if (probed !== undefined) return probed;
  try {
    execFileSync(process.execPath, ['-e', PROBE, POSTGRES_TEST_URL], {
      cwd: resolve(__dirname, '../../../..'),
      stdio: 'pipe',
      timeout: 15_000,
    });
    probed = null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    probed = `PostgreSQL at ${POSTGRES_TEST_URL.replace(/\/\/[^@]*@/, '//')} is unreachable (${stderr || (error as Error).message})`;
  }
  return probed;
};

const withSearchPath = (url: string, schema: string): string =>
  `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** A fresh schema of its own: created now, dropped by the returned function. */
export const freshPostgresSchema = async (
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> => {
  const schema = `rm_${label.toLowerCase().replace(/\W/g, '_').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    url: withSearchPath(POSTGRES_TEST_URL, schema),
    drop: () => admin((c) => c.query(`DROP SCHEMA "${schema}" CASCADE`)).then(() => undefined),
  };
};

const postgresTarget = (label: string): ReadModelTarget => {
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ url, drop } = await freshPostgresSchema(label));
  });
  afterAll(async () => {
    await drop?.();
  });
  return { name: 'postgres', databaseUrl: () => url };
};

/** `describe.each` over the stores that answer; a missing PostgreSQL is skipped with one visible line. */
export const describeEachReadModelStore = (title: string, body: (target: ReadModelTarget) => void): void => {
  const missing = postgresMissing();
  const names: ReadModelTarget['name'][] = missing ? ['sqlite'] : ['sqlite', 'postgres'];
  if (missing) {
    process.stderr.write(`[skipped] ${title} on postgres: ${missing}\n`);
    describe.skip(`${title} on postgres`, () => body({ name: 'postgres', databaseUrl: () => undefined }));
  }
  describe.each(names)(`${title} on %s`, (name) => {
    body(name === 'postgres' ? postgresTarget(title) : { name: 'sqlite', databaseUrl: () => undefined });
  });
};
