import { createHmac } from 'node:crypto';
import { Client } from 'pg';

/** A source database's two roles' URLs: the runtime role serves, the owner migrates. */
export interface SourceDatabaseUrls {
  readonly url: string;
  readonly ownerUrl: string;
}

function rolePassword(clusterPassword: string, role: string): string {
  return createHmac('sha256', clusterPassword).update(role).digest('base64url');
}

/**
 * The URLs of a source database's roles in an embedded cluster: `<database>_app` (runtime) and
 * `<database>_owner`. Their passwords derive from the cluster's, so the CLI finds them too.
 */
export function embeddedSourceUrls(clusterPassword: string, port: number | string, database: string): SourceDatabaseUrls {
  const url = (role: string) =>
    `postgres://${role}:${encodeURIComponent(rolePassword(clusterPassword, role))}@127.0.0.1:${port}/${database}`;
  return { url: url(`${database}_app`), ownerUrl: url(`${database}_owner`) };
}

/**
 * Creates a source database's two roles in a cluster, unless they exist, and hands it to the
 * owner: the owner owns the database and every object in it and runs migrations; the runtime
 * role may connect (the owner grants it the rest at each start). Objects a superuser created in
 * the database before the roles existed are handed to the owner. `superuserUrl` connects as the
 * cluster's superuser to a database; the roles' passwords derive from `clusterPassword`.
 */
export async function ensureSourceRoles(
  superuserUrl: (database: string) => string,
  clusterPassword: string,
  name: string,
): Promise<void> {
  const owner = `${name}_owner`;
  const app = `${name}_app`;
  const admin = new Client({ connectionString: superuserUrl('postgres') });
  await admin.connect();
  try {
    for (const role of [owner, app]) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      // Role passwords are base64url: safe inside a literal.
      const password = rolePassword(clusterPassword, role);
      if (exists.rowCount === 0) await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
    }
    await admin.query(`ALTER DATABASE "${name}" OWNER TO "${owner}"`);
    await admin.query(`REVOKE ALL ON DATABASE "${name}" FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE "${name}" TO "${app}"`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: superuserUrl(name) });
  await db.connect();
  try {
    await db.query(`
        DO $$
        DECLARE o record;
        BEGIN
          FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner <> '${owner}'::regrole LOOP
            EXECUTE format('ALTER TABLE public.%I OWNER TO %I', o.relname, '${owner}');
          END LOOP;
          FOR o IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'public' AND p.proowner <> '${owner}'::regrole LOOP
            EXECUTE format('ALTER FUNCTION %s OWNER TO %I', o.f, '${owner}');
          END LOOP;
        END $$`);
  } finally {
    await db.end();
  }
}
