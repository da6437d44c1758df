import { countColumnsDdl, recordKeepingColumnsDdl } from '@psea/subgraph-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Missions, contingents of T/PCCs, and their allegations. */
export class InitialSchema1764460000000 implements MigrationInterface {
  name = 'InitialSchema1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mission (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PKO', 'SPM'))
      )`);
    await q.query(`
      CREATE TABLE contingent (
        id serial PRIMARY KEY,
        mission_id int NOT NULL REFERENCES mission (id),
        country_code char(3) NOT NULL CHECK (country_code ~ '^[A-Z]{3}$'),
        service text NOT NULL CHECK (service IN ('military', 'police')),
        UNIQUE (mission_id, country_code, service)
      )`);
    await q.query(`
      CREATE TABLE allegation (
        id bigserial PRIMARY KEY,
        reference text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 64),
        mission_id int NOT NULL REFERENCES mission (id),
        contingent_id int REFERENCES contingent (id),
        category text NOT NULL CHECK (category IN ('MC', 'MO', 'UNPOL', 'FPU', 'INT', 'NS', 'UNV')),
        received_month date NOT NULL CHECK (extract(day from received_month) = 1),
        incident_year smallint,
        incident_month smallint CHECK (incident_month BETWEEN 1 AND 12),
        allegation_type text NOT NULL,
        perpetrators int CHECK (perpetrators >= 0),
        ${countColumnsDdl(['victims_women', 'victims_girls', 'victims_female_unknown_age', 'victims_men', 'victims_boys', 'victims_male_unknown_age', 'victims_unknown'])},
        investigated_by text,
        status text NOT NULL,
        investigation_days int CHECK (investigation_days >= 0),
        interim_actions text[] NOT NULL DEFAULT '{}',
        final_actions text[] NOT NULL DEFAULT '{}',
        paternity text NOT NULL DEFAULT 'none',
        victim_assistance text[] NOT NULL DEFAULT '{}',
        referred_to_member_state boolean NOT NULL DEFAULT false,
        ${recordKeepingColumnsDdl()},
        CHECK ((category IN ('MC', 'MO', 'UNPOL', 'FPU')) = (contingent_id IS NOT NULL))
      )`);
    // The page order and period filters; statistics scan by period.
    await q.query('CREATE INDEX allegation_received_id ON allegation (received_month, id)');
    await q.query('CREATE INDEX allegation_mission ON allegation (mission_id, received_month)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE allegation');
    await q.query('DROP TABLE contingent');
    await q.query('DROP TABLE mission');
  }
}
