import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An allegation notified to the UN about members of a non-UN force. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ name: 'force_id', type: 'int' }) forceId!: number;
  @Column({ name: 'resolution_id', type: 'int', nullable: true }) resolutionId!: number | null;
  @Column({ name: 'reporting_state', type: 'char', length: 3 }) reportingState!: string;
  @Column({ name: 'received_on', type: 'date' }) receivedOn!: string;
  @Column({ name: 'incident_period', type: 'text', nullable: true }) incidentPeriod!: string | null;
  @Column({ type: 'text' }) nature!: string;
  @Column({ name: 'members_involved', type: 'int', nullable: true }) membersInvolved!: number | null;
  @Column({ name: 'victims_women', type: 'int' }) victimsWomen!: number;
  @Column({ name: 'victims_girls', type: 'int' }) victimsGirls!: number;
  @Column({ name: 'victims_female_unknown_age', type: 'int' }) victimsFemaleUnknownAge!: number;
  @Column({ name: 'victims_men', type: 'int' }) victimsMen!: number;
  @Column({ name: 'victims_boys', type: 'int' }) victimsBoys!: number;
  @Column({ name: 'victims_male_unknown_age', type: 'int' }) victimsMaleUnknownAge!: number;
  @Column({ name: 'victims_unknown', type: 'int' }) victimsUnknown!: number;
  @Column({ name: 'investigated_by', type: 'text', nullable: true }) investigatedBy!: string | null;
  @Column({ name: 'state_status', type: 'text' }) stateStatus!: string;
  @Column({ name: 'investigation_days', type: 'int', nullable: true }) investigationDays!: number | null;
  @Column({ name: 'interim_actions', type: 'text', array: true }) interimActions!: string[];
  @Column({ name: 'final_actions', type: 'text', array: true }) finalActions!: string[];
  @Column({ type: 'text' }) paternity!: string;
  @Column({ type: 'text', array: true }) assistance!: string[];
  @Column({ name: 'criminal_referral', type: 'boolean' }) criminalReferral!: boolean;
  @Column({ type: 'boolean' }) synthetic!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
