import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up with the T/PCC as its own fact, and the investigation's timeline. Loses nothing:
 * - `referred_to_member_state` always held referral for criminal accountability (it is the
 *   contract's criminalReferral), so it is renamed `referred_for_prosecution`;
 * - the status 'referred to member state' becomes `tcc_notified` (the referral for action) with
 *   the status 'under investigation' (by the T/PCC); the old status is kept in
 *   `status_before_follow_up`, and `down` restores it;
 * - 'jailed' was always imposed by the T/PCC: it moves from `final_actions` (now the UN's) to
 *   `tcc_actions`.
 */
export class MemberStateFollowUp1764900000000 implements MigrationInterface {
  name = 'MemberStateFollowUp1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE allegation RENAME COLUMN referred_to_member_state TO referred_for_prosecution');
    await q.query(`
      ALTER TABLE allegation
        ADD COLUMN perpetrators_male int NOT NULL DEFAULT 0 CHECK (perpetrators_male >= 0),
        ADD COLUMN perpetrators_female int NOT NULL DEFAULT 0 CHECK (perpetrators_female >= 0),
        ADD COLUMN investigation_started_month date CHECK (extract(day from investigation_started_month) = 1),
        ADD COLUMN investigation_completed_month date CHECK (extract(day from investigation_completed_month) = 1),
        ADD COLUMN tcc_actions text[] NOT NULL DEFAULT '{}',
        ADD COLUMN tcc_notified boolean NOT NULL DEFAULT false,
        ADD COLUMN tcc_notified_month date CHECK (extract(day from tcc_notified_month) = 1),
        ADD COLUMN nio_requested boolean NOT NULL DEFAULT false,
        ADD COLUMN nio_appointed boolean NOT NULL DEFAULT false,
        ADD COLUMN tcc_response text CHECK (tcc_response IN ('no response', 'acknowledged', 'national investigation', 'outcome reported')),
        ADD COLUMN tcc_last_response_month date CHECK (extract(day from tcc_last_response_month) = 1),
        ADD COLUMN status_before_follow_up text`);
    await q.query(`
      UPDATE allegation SET tcc_notified = true, tcc_response = 'no response', status_before_follow_up = status,
        status = 'under investigation'
      WHERE status = 'referred to member state'`);
    await q.query(`
      UPDATE allegation SET tcc_actions = ARRAY['JAILED'], final_actions = array_remove(final_actions, 'JAILED')
      WHERE 'JAILED' = ANY(final_actions)`);
    await q.query(`
      ALTER TABLE allegation
        ADD CONSTRAINT allegation_follow_up_only_when_notified CHECK (
          tcc_notified OR (tcc_notified_month IS NULL AND NOT nio_requested AND NOT nio_appointed
            AND tcc_response IS NULL AND tcc_last_response_month IS NULL)),
        ADD CONSTRAINT allegation_nio_appointed_when_requested CHECK (nio_requested OR NOT nio_appointed),
        ADD CONSTRAINT allegation_response_when_notified CHECK (tcc_notified = (tcc_response IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE allegation SET final_actions = final_actions || tcc_actions WHERE cardinality(tcc_actions) > 0`);
    await q.query(`
      UPDATE allegation SET status = status_before_follow_up WHERE status_before_follow_up IS NOT NULL`);
    await q.query(`
      ALTER TABLE allegation
        DROP COLUMN perpetrators_male, DROP COLUMN perpetrators_female,
        DROP COLUMN investigation_started_month, DROP COLUMN investigation_completed_month,
        DROP COLUMN tcc_actions, DROP COLUMN tcc_notified, DROP COLUMN tcc_notified_month,
        DROP COLUMN nio_requested, DROP COLUMN nio_appointed, DROP COLUMN tcc_response,
        DROP COLUMN tcc_last_response_month, DROP COLUMN status_before_follow_up`);
    await q.query('ALTER TABLE allegation RENAME COLUMN referred_for_prosecution TO referred_to_member_state');
  }
}
