import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Force } from './force.entity';

/** A Security Council resolution authorising a force. */
@Entity('mandate_resolution')
export class MandateResolution {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'force_id', type: 'int' }) forceId!: number;
  @ManyToOne(() => Force) force?: Force;
  /** e.g. 'S/RES/2127 (2013)'. */
  @Column({ type: 'text', unique: true }) symbol!: string;
  @Column({ type: 'date' }) adopted!: string;
}
