import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An allegation as the peacekeeping conduct and discipline teams record it. Categories use the
 * Conduct and Discipline codes (MC, MO, UNPOL, FPU, INT, NS, UNV).
 */
@Entity('allegation')
@Index(['receivedMonth', 'id'])
export class Allegation {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ name: 'mission_id', type: 'int' }) missionId!: number;
  @Column({ name: 'contingent_id', type: 'int', nullable: true }) contingentId!: number | null;
  @Column({ type: 'text' }) category!: string;
  /** First day of the month the report was received. */
  @Column({ name: 'received_month', type: 'date' }) receivedMonth!: string;
  @Column({ name: 'incident_year', type: 'smallint', nullable: true }) incidentYear!: number | null;
  @Column({ name: 'incident_month', type: 'smallint', nullable: true }) incidentMonth!: number | null;
  @Column({ name: 'allegation_type', type: 'text' }) allegationType!: string;
  @Column({ type: 'int', nullable: true }) perpetrators!: number | null;
  @Column({ name: 'victims_women', type: 'int' }) victimsWomen!: number;
  @Column({ name: 'victims_girls', type: 'int' }) victimsGirls!: number;
  @Column({ name: 'victims_female_unknown_age', type: 'int' }) victimsFemaleUnknownAge!: number;
  @Column({ name: 'victims_men', type: 'int' }) victimsMen!: number;
  @Column({ name: 'victims_boys', type: 'int' }) victimsBoys!: number;
  @Column({ name: 'victims_male_unknown_age', type: 'int' }) victimsMaleUnknownAge!: number;
  @Column({ name: 'victims_unknown', type: 'int' }) victimsUnknown!: number;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'investigation_days', type: 'int', nullable: true }) investigationDays!: number | null;
  @Column({ name: 'interim_actions', type: 'text', array: true }) interimActions!: string[];
  @Column({ name: 'final_actions', type: 'text', array: true }) finalActions!: string[];
  @Column({ type: 'text' }) paternity!: string;
  @Column({ name: 'victim_assistance', type: 'text', array: true }) victimAssistance!: string[];
  /** Referred for criminal accountability (the contract's criminalReferral). */
  @Column({ name: 'referred_for_prosecution', type: 'boolean' }) referredForProsecution!: boolean;
  @Column({ name: 'perpetrators_male', type: 'int' }) perpetratorsMale!: number;
  @Column({ name: 'perpetrators_female', type: 'int' }) perpetratorsFemale!: number;
  @Column({ name: 'investigation_started_month', type: 'date', nullable: true }) investigationStartedMonth!: string | null;
  @Column({ name: 'investigation_completed_month', type: 'date', nullable: true })
  investigationCompletedMonth!: string | null;
  /** Final actions the T/PCC took; `finalActions` are the UN's. */
  @Column({ name: 'tcc_actions', type: 'text', array: true }) tccActions!: string[];
  /** The T/PCC was notified: referral to the Member State for action. */
  @Column({ name: 'tcc_notified', type: 'boolean' }) tccNotified!: boolean;
  @Column({ name: 'tcc_notified_month', type: 'date', nullable: true }) tccNotifiedMonth!: string | null;
  @Column({ name: 'nio_requested', type: 'boolean' }) nioRequested!: boolean;
  @Column({ name: 'nio_appointed', type: 'boolean' }) nioAppointed!: boolean;
  /** 'no response', 'acknowledged', 'national investigation', 'outcome reported'; null unless notified. */
  @Column({ name: 'tcc_response', type: 'text', nullable: true }) tccResponse!: string | null;
  @Column({ name: 'tcc_last_response_month', type: 'date', nullable: true }) tccLastResponseMonth!: string | null;
  /** The status an allegation had when referral was a status ('referred to member state'). */
  @Column({ name: 'status_before_follow_up', type: 'text', nullable: true }) statusBeforeFollowUp!: string | null;
  @Column({ type: 'boolean' }) synthetic!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
