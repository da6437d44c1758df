import { countColumnsDdl, recordKeepingColumnsDdl } from '@psea/subgraph-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Forces, their mandating resolutions, reporting States, and notified allegations. */
export class InitialSchema1764460000000 implements MigrationInterface {
  name = 'InitialSchema1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE force (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE mandate_resolution (
        id serial PRIMARY KEY,
        force_id int NOT NULL REFERENCES force (id),
        symbol text NOT NULL UNIQUE,
        adopted date NOT NULL
      )`);
    await q.query(`
      CREATE TABLE reporting_state (
        code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        first_notified date
      )`);
    await q.query(`
      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        reference text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 64),
        force_id int NOT NULL REFERENCES force (id),
        resolution_id int REFERENCES mandate_resolution (id),
        reporting_state char(3) NOT NULL REFERENCES reporting_state (code),
        received_on date NOT NULL CHECK (extract(day from received_on) = 1),
        incident_period text CHECK (incident_period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
        nature text NOT NULL,
        members_involved int CHECK (members_involved >= 0),
        ${countColumnsDdl(['victims_women', 'victims_girls', 'victims_female_unknown_age', 'victims_men', 'victims_boys', 'victims_male_unknown_age', 'victims_unknown'])},
        investigated_by text,
        state_status text NOT NULL,
        investigation_days int CHECK (investigation_days >= 0),
        interim_actions text[] NOT NULL DEFAULT '{}',
        final_actions text[] NOT NULL DEFAULT '{}',
        paternity text NOT NULL DEFAULT 'none',
        assistance text[] NOT NULL DEFAULT '{}',
        criminal_referral boolean NOT NULL DEFAULT false,
        ${recordKeepingColumnsDdl()}
      )`);
    await q.query('CREATE INDEX notification_received_id ON notification (received_on, id)');
    // The forces and resolutions the reference dataset refers to.
    await q.query(`
      INSERT INTO force (code, name) VALUES
        ('SANGARIS', 'Opération Sangaris (France), Central African Republic'),
        ('EUFOR-RCA', 'European Union Force in the Central African Republic'),
        ('AMISOM', 'African Union Mission in Somalia')`);
    await q.query(`
      INSERT INTO mandate_resolution (force_id, symbol, adopted)
      SELECT f.id, r.symbol, r.adopted::date FROM (VALUES
        ('SANGARIS', 'S/RES/2127 (2013)', '2013-12-05'),
        ('EUFOR-RCA', 'S/RES/2134 (2014)', '2014-01-28'),
        ('AMISOM', 'S/RES/2297 (2016)', '2016-07-07')
      ) AS r (force, symbol, adopted) JOIN force f ON f.code = r.force`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification');
    await q.query('DROP TABLE reporting_state');
    await q.query('DROP TABLE mandate_resolution');
    await q.query('DROP TABLE force');
  }
}
