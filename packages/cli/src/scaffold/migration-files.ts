/**
 * The initial migration: the native `report` table with the kit's record-keeping and count
 * columns. Migrations are history: later changes go in new ones.
 */
export function migrationFiles(migrationTimestamp: number): Record<string, string> {
  const m = `InitialSchema${migrationTimestamp}`;
  return {
    [`src/migrations/${migrationTimestamp}-initial-schema.ts`]: `import { countColumnsDdl, recordKeepingColumnsDdl } from '@psea/subgraph-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The report table. Add your own tables and columns in new migrations. */
export class ${m} implements MigrationInterface {
  name = '${m}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE report (
        id bigserial PRIMARY KEY,
        reference text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 64),
        entity_code text NOT NULL,
        received_month date NOT NULL CHECK (extract(day from received_month) = 1),
        incident_period text CHECK (incident_period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
        kind text NOT NULL,
        category text NOT NULL,
        nationality char(3),
        subjects int CHECK (subjects >= 0),
        \${countColumnsDdl([
          'victims_women',
          'victims_girls',
          'victims_female_unknown_age',
          'victims_men',
          'victims_boys',
          'victims_male_unknown_age',
          'victims_unknown',
        ])},
        investigators text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        investigation_days int CHECK (investigation_days >= 0),
        interim_actions text[] NOT NULL DEFAULT '{}',
        final_actions text[] NOT NULL DEFAULT '{}',
        paternity text NOT NULL DEFAULT 'none',
        assistance text[] NOT NULL DEFAULT '{}',
        criminal_referral boolean NOT NULL DEFAULT false,
        subjects_men int NOT NULL DEFAULT 0 CHECK (subjects_men >= 0),
        subjects_women int NOT NULL DEFAULT 0 CHECK (subjects_women >= 0),
        investigation_started date,
        investigation_completed date,
        state_actions text[] NOT NULL DEFAULT '{}',
        state_referral boolean NOT NULL DEFAULT false,
        state_notified date,
        nio_requested boolean NOT NULL DEFAULT false,
        nio_appointed boolean NOT NULL DEFAULT false,
        state_response text,
        state_last_response date,
        \${recordKeepingColumnsDdl()}
      )\`);
    await q.query('CREATE INDEX report_received_id ON report (received_month, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report');
  }
}
`,
  };
}
