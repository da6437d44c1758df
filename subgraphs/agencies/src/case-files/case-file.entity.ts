import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A case file of an agency's investigation service: one allegation. */
@Entity('case_file')
export class CaseFile {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'case_number', type: 'text', unique: true }) caseNumber!: string;
  @Column({ name: 'office_id', type: 'int' }) officeId!: number;
  /** 'staff', 'related', 'partner' (implementing partner) or 'volunteer'. */
  @Column({ name: 'personnel_type', type: 'text' }) personnelType!: string;
  @Column({ name: 'received_year', type: 'smallint' }) receivedYear!: number;
  @Column({ name: 'received_month', type: 'smallint' }) receivedMonth!: number;
  @Column({ name: 'incident_period', type: 'text', nullable: true }) incidentPeriod!: string | null;
  @Column({ name: 'misconduct_type', type: 'text' }) misconductType!: string;
  @Column({ name: 'subjects_count', type: 'int', nullable: true }) subjectsCount!: number | null;
  @Column({ name: 'female_adult', type: 'int' }) femaleAdult!: number;
  @Column({ name: 'female_minor', type: 'int' }) femaleMinor!: number;
  @Column({ name: 'female_age_unknown', type: 'int' }) femaleAgeUnknown!: number;
  @Column({ name: 'male_adult', type: 'int' }) maleAdult!: number;
  @Column({ name: 'male_minor', type: 'int' }) maleMinor!: number;
  @Column({ name: 'male_age_unknown', type: 'int' }) maleAgeUnknown!: number;
  @Column({ name: 'sex_unknown', type: 'int' }) sexUnknown!: number;
  /** Every investigator of the case (two or more for a joint investigation), in the agency's codes. */
  @Column({ type: 'text', array: true }) investigators!: string[];
  @Column({ type: 'text' }) stage!: string;
  @Column({ name: 'duration_days', type: 'int', nullable: true }) durationDays!: number | null;
  @Column({ name: 'interim_measures', type: 'text', array: true }) interimMeasures!: string[];
  @Column({ name: 'disciplinary_outcomes', type: 'text', array: true }) disciplinaryOutcomes!: string[];
  @Column({ name: 'paternity_claim', type: 'text' }) paternityClaim!: string;
  @Column({ name: 'support_provided', type: 'text', array: true }) supportProvided!: string[];
  @Column({ name: 'referred_for_prosecution', type: 'boolean' }) referredForProsecution!: boolean;
  @Column({ name: 'subjects_male', type: 'int' }) subjectsMale!: number;
  @Column({ name: 'subjects_female', type: 'int' }) subjectsFemale!: number;
  @Column({ name: 'investigation_opened', type: 'date', nullable: true }) investigationOpened!: string | null;
  @Column({ name: 'investigation_closed', type: 'date', nullable: true }) investigationClosed!: string | null;
  /** Outcomes decided by the national authorities; `disciplinaryOutcomes` are the agency's. */
  @Column({ name: 'national_outcomes', type: 'text', array: true }) nationalOutcomes!: string[];
  /** Referred to the national authorities for action. */
  @Column({ name: 'authorities_referral', type: 'boolean' }) authoritiesReferral!: boolean;
  @Column({ name: 'authorities_notified', type: 'date', nullable: true }) authoritiesNotified!: string | null;
  @Column({ name: 'nio_requested', type: 'boolean' }) nioRequested!: boolean;
  @Column({ name: 'nio_appointed', type: 'boolean' }) nioAppointed!: boolean;
  @Column({ name: 'authorities_reply', type: 'text', nullable: true }) authoritiesReply!: string | null;
  @Column({ name: 'authorities_reply_date', type: 'date', nullable: true }) authoritiesReplyDate!: string | null;
  /** The stage a file had when referral was a stage ('referred to national authorities'). */
  @Column({ name: 'stage_before_referral_split', type: 'text', nullable: true }) stageBeforeReferralSplit!: string | null;
  @Column({ type: 'boolean' }) synthetic!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
