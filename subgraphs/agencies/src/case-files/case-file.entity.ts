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
  @Column({ type: 'text', nullable: true }) investigator!: string | null;
  @Column({ type: 'text' }) stage!: string;
  @Column({ name: 'duration_days', type: 'int', nullable: true }) durationDays!: number | null;
  @Column({ name: 'interim_measures', type: 'text', array: true }) interimMeasures!: string[];
  @Column({ name: 'disciplinary_outcomes', type: 'text', array: true }) disciplinaryOutcomes!: string[];
  @Column({ name: 'paternity_claim', type: 'text' }) paternityClaim!: string;
  @Column({ name: 'support_provided', type: 'text', array: true }) supportProvided!: string[];
  @Column({ name: 'referred_for_prosecution', type: 'boolean' }) referredForProsecution!: boolean;
  @Column({ type: 'boolean' }) synthetic!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
