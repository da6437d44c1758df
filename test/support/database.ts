import { Client } from 'pg';

/** Runs one statement on a source's database, over its own connection, as an operator would. */
export async function sql(url: string, text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The single number a statement selects as `n`. */
export async function count(url: string, text: string): Promise<number> {
  return Number((await sql(url, text))[0]?.['n']);
}
