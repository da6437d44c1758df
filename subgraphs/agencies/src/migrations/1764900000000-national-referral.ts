import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral to the national authorities as its own fact, outcomes by who decided them, and the
 * investigation's dates. Loses nothing:
 * - the stage 'referred to national authorities' becomes `authorities_referral` with the stage
 *   'investigation' (by the authorities); the old stage is kept in `stage_before_referral_split`,
 *   and `down` restores it;
 * - 'JAILED' was always a national sentence: it moves from `disciplinary_outcomes` (now the
 *   agency's own) to `national_outcomes`.
 */
export class NationalReferral1764900000000 implements MigrationInterface {
  name = 'NationalReferral1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_file
        ADD COLUMN subjects_male int NOT NULL DEFAULT 0 CHECK (subjects_male >= 0),
        ADD COLUMN subjects_female int NOT NULL DEFAULT 0 CHECK (subjects_female >= 0),
        ADD COLUMN investigation_opened date CHECK (extract(day from investigation_opened) = 1),
        ADD COLUMN investigation_closed date CHECK (extract(day from investigation_closed) = 1),
        ADD COLUMN national_outcomes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN authorities_referral boolean NOT NULL DEFAULT false,
        ADD COLUMN authorities_notified date CHECK (extract(day from authorities_notified) = 1),
        ADD COLUMN nio_requested boolean NOT NULL DEFAULT false,
        ADD COLUMN nio_appointed boolean NOT NULL DEFAULT false,
        ADD COLUMN authorities_reply text CHECK (authorities_reply IN ('none', 'acknowledged', 'investigating', 'outcome reported')),
        ADD COLUMN authorities_reply_date date CHECK (extract(day from authorities_reply_date) = 1),
        ADD COLUMN stage_before_referral_split text`);
    await q.query(`
      UPDATE case_file SET authorities_referral = true, authorities_reply = 'none', stage_before_referral_split = stage,
        stage = 'investigation'
      WHERE stage = 'referred to national authorities'`);
    await q.query(`
      UPDATE case_file SET national_outcomes = ARRAY['JAILED'],
        disciplinary_outcomes = array_remove(disciplinary_outcomes, 'JAILED')
      WHERE 'JAILED' = ANY(disciplinary_outcomes)`);
    await q.query(`
      ALTER TABLE case_file
        ADD CONSTRAINT case_file_follow_up_only_when_referred CHECK (
          authorities_referral OR (authorities_notified IS NULL AND NOT nio_requested AND NOT nio_appointed
            AND authorities_reply IS NULL AND authorities_reply_date IS NULL)),
        ADD CONSTRAINT case_file_nio_appointed_when_requested CHECK (nio_requested OR NOT nio_appointed),
        ADD CONSTRAINT case_file_reply_when_referred CHECK (authorities_referral = (authorities_reply IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE case_file SET disciplinary_outcomes = disciplinary_outcomes || national_outcomes
      WHERE cardinality(national_outcomes) > 0`);
    await q.query(`
      UPDATE case_file SET stage = stage_before_referral_split WHERE stage_before_referral_split IS NOT NULL`);
    await q.query(`
      ALTER TABLE case_file
        DROP COLUMN subjects_male, DROP COLUMN subjects_female, DROP COLUMN investigation_opened,
        DROP COLUMN investigation_closed, DROP COLUMN national_outcomes, DROP COLUMN authorities_referral,
        DROP COLUMN authorities_notified, DROP COLUMN nio_requested, DROP COLUMN nio_appointed,
        DROP COLUMN authorities_reply, DROP COLUMN authorities_reply_date, DROP COLUMN stage_before_referral_split`);
  }
}
