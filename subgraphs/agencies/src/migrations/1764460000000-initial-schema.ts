import { countColumnsDdl, recordKeepingColumnsDdl } from '@psea/subgraph-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Agencies, their offices, and case files. */
export class InitialSchema1764460000000 implements MigrationInterface {
  name = 'InitialSchema1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE office (
        id serial PRIMARY KEY,
        agency_id int NOT NULL REFERENCES agency (id),
        code text NOT NULL UNIQUE,
        is_registry boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE case_file (
        id bigserial PRIMARY KEY,
        case_number text NOT NULL UNIQUE CHECK (length(case_number) BETWEEN 1 AND 64),
        office_id int NOT NULL REFERENCES office (id),
        personnel_type text NOT NULL CHECK (personnel_type IN ('staff', 'related', 'partner', 'volunteer')),
        received_year smallint NOT NULL,
        received_month smallint NOT NULL CHECK (received_month BETWEEN 1 AND 12),
        incident_period text CHECK (incident_period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
        misconduct_type text NOT NULL,
        subjects_count int CHECK (subjects_count >= 0),
        ${countColumnsDdl(['female_adult', 'female_minor', 'female_age_unknown', 'male_adult', 'male_minor', 'male_age_unknown', 'sex_unknown'])},
        investigator text,
        stage text NOT NULL,
        duration_days int CHECK (duration_days >= 0),
        interim_measures text[] NOT NULL DEFAULT '{}',
        disciplinary_outcomes text[] NOT NULL DEFAULT '{}',
        paternity_claim text NOT NULL DEFAULT 'none',
        support_provided text[] NOT NULL DEFAULT '{}',
        referred_for_prosecution boolean NOT NULL DEFAULT false,
        ${recordKeepingColumnsDdl()}
      )`);
    // Agencies file by year and month; the index gives the page order and period filters.
    await q.query('CREATE INDEX case_file_received_id ON case_file (make_date(received_year, received_month, 1), id)');
    await q.query('CREATE INDEX case_file_office ON case_file (office_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_file');
    await q.query('DROP TABLE office');
    await q.query('DROP TABLE agency');
  }
}
