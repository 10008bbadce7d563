/**
 * The template database of a test run, named after DATABASE_URL's own database so that two runs on
 * one server with different DATABASE_URLs (two people, or two sessions) do not drop each other's.
 */
export function templateDatabaseOf(url: string): string {
  const name = new URL(url).pathname.slice(1) || 'zc_test';
  return `${name}_template`;
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** The maintenance database of the same server, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  return withDatabase(url, 'postgres');
}
