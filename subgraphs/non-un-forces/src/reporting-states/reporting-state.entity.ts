import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A State that notified the UN of an allegation against members of its contingent in a force.
 * The UN receives these allegations; it does not investigate them.
 */
@Entity('reporting_state')
export class ReportingState {
  /** ISO 3166-1 alpha-3. */
  @PrimaryColumn({ type: 'char', length: 3 }) code!: string;
  @Column({ name: 'first_notified', type: 'date', nullable: true }) firstNotified!: string | null;
}
