import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service of the members involved (military, police, civilian: resolution 2272), the UN's
 * notification of the State and its follow-up as their own facts, actions by who took them, and
 * the inquiry's dates. Loses nothing:
 * - existing notifications concern members whose service was not recorded; they were all treated
 *   as uniformed, and are kept as 'military' (the contract's NON_UN_FORCE, documented as
 *   "military, or service not recorded");
 * - the status 'before national courts' becomes `state_notified` with the status 'under
 *   investigation by the State'; the old status is kept in `status_before_follow_up`, and `down`
 *   restores it;
 * - 'JAILED' moves from `final_actions` (now the UN's) to `state_actions`.
 * Civilians' State is not published, and may be unknown: `reporting_state` becomes optional for them.
 */
export class StateFollowUp1764900000000 implements MigrationInterface {
  name = 'StateFollowUp1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification
        ADD COLUMN member_service text NOT NULL DEFAULT 'military' CHECK (member_service IN ('military', 'police', 'civilian')),
        ADD COLUMN members_male int NOT NULL DEFAULT 0 CHECK (members_male >= 0),
        ADD COLUMN members_female int NOT NULL DEFAULT 0 CHECK (members_female >= 0),
        ADD COLUMN inquiry_started date CHECK (extract(day from inquiry_started) = 1),
        ADD COLUMN inquiry_completed date CHECK (extract(day from inquiry_completed) = 1),
        ADD COLUMN state_actions text[] NOT NULL DEFAULT '{}',
        ADD COLUMN state_notified boolean NOT NULL DEFAULT false,
        ADD COLUMN state_notified_on date CHECK (extract(day from state_notified_on) = 1),
        ADD COLUMN nio_requested boolean NOT NULL DEFAULT false,
        ADD COLUMN nio_appointed boolean NOT NULL DEFAULT false,
        ADD COLUMN state_reply text CHECK (state_reply IN ('no reply', 'acknowledged', 'investigating', 'outcome reported')),
        ADD COLUMN state_reply_on date CHECK (extract(day from state_reply_on) = 1),
        ADD COLUMN status_before_follow_up text`);
    await q.query('ALTER TABLE notification ALTER COLUMN reporting_state DROP NOT NULL');
    await q.query(`
      UPDATE notification SET state_notified = true, state_reply = 'no reply', status_before_follow_up = state_status,
        state_status = 'under investigation by the State'
      WHERE state_status = 'before national courts'`);
    await q.query(`
      UPDATE notification SET state_actions = ARRAY['JAILED'], final_actions = array_remove(final_actions, 'JAILED')
      WHERE 'JAILED' = ANY(final_actions)`);
    await q.query(`
      ALTER TABLE notification
        ADD CONSTRAINT notification_state_for_uniformed CHECK (member_service = 'civilian' OR reporting_state IS NOT NULL),
        ADD CONSTRAINT notification_follow_up_only_when_notified CHECK (
          state_notified OR (state_notified_on IS NULL AND NOT nio_requested AND NOT nio_appointed
            AND state_reply IS NULL AND state_reply_on IS NULL)),
        ADD CONSTRAINT notification_nio_appointed_when_requested CHECK (nio_requested OR NOT nio_appointed),
        ADD CONSTRAINT notification_reply_when_notified CHECK (state_notified = (state_reply IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE notification SET final_actions = final_actions || state_actions WHERE cardinality(state_actions) > 0`);
    await q.query(`
      UPDATE notification SET state_status = status_before_follow_up WHERE status_before_follow_up IS NOT NULL`);
    await q.query(`
      ALTER TABLE notification
        DROP CONSTRAINT notification_state_for_uniformed,
        DROP COLUMN member_service, DROP COLUMN members_male, DROP COLUMN members_female,
        DROP COLUMN inquiry_started, DROP COLUMN inquiry_completed, DROP COLUMN state_actions,
        DROP COLUMN state_notified, DROP COLUMN state_notified_on, DROP COLUMN nio_requested,
        DROP COLUMN nio_appointed, DROP COLUMN state_reply, DROP COLUMN state_reply_on,
        DROP COLUMN status_before_follow_up`);
    await q.query('ALTER TABLE notification ALTER COLUMN reporting_state SET NOT NULL');
  }
}
