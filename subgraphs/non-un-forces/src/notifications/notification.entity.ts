import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An allegation notified to the UN about members of a non-UN force. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text', unique: true }) reference!: string;
  @Column({ name: 'force_id', type: 'int' }) forceId!: number;
  @Column({ name: 'resolution_id', type: 'int', nullable: true }) resolutionId!: number | null;
  /** The State of the members; optional for civilians, whose State is never published. */
  @Column({ name: 'reporting_state', type: 'char', length: 3, nullable: true }) reportingState!: string | null;
  /** 'military', 'police' or 'civilian' (resolution 2272). */
  @Column({ name: 'member_service', type: 'text' }) memberService!: string;
  @Column({ name: 'members_male', type: 'int' }) membersMale!: number;
  @Column({ name: 'members_female', type: 'int' }) membersFemale!: number;
  @Column({ name: 'inquiry_started', type: 'date', nullable: true }) inquiryStarted!: string | null;
  @Column({ name: 'inquiry_completed', type: 'date', nullable: true }) inquiryCompleted!: string | null;
  /** Actions the State took; `finalActions` are the UN's. */
  @Column({ name: 'state_actions', type: 'text', array: true }) stateActions!: string[];
  /** The UN notified the State: referral for action. */
  @Column({ name: 'state_notified', type: 'boolean' }) stateNotified!: boolean;
  @Column({ name: 'state_notified_on', type: 'date', nullable: true }) stateNotifiedOn!: string | null;
  @Column({ name: 'nio_requested', type: 'boolean' }) nioRequested!: boolean;
  @Column({ name: 'nio_appointed', type: 'boolean' }) nioAppointed!: boolean;
  @Column({ name: 'state_reply', type: 'text', nullable: true }) stateReply!: string | null;
  @Column({ name: 'state_reply_on', type: 'date', nullable: true }) stateReplyOn!: string | null;
  @Column({ name: 'status_before_follow_up', type: 'text', nullable: true }) statusBeforeFollowUp!: string | null;
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
  /** Every body investigating (two or more for a joint investigation). */
  @Column({ name: 'investigated_by', type: 'text', array: true }) investigatedBy!: string[];
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
