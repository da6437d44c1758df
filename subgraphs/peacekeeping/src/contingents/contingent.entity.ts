import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Mission } from '../missions/mission.entity';

/**
 * Uniformed personnel of one troop- or police-contributing country (T/PCC) in one mission:
 * a military contingent, a formed police unit, or the country's individual officers.
 */
@Entity('contingent')
@Unique(['missionId', 'countryCode', 'service'])
export class Contingent {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'mission_id', type: 'int' }) missionId!: number;
  @ManyToOne(() => Mission) mission?: Mission;
  /** ISO 3166-1 alpha-3 of the T/PCC. */
  @Column({ name: 'country_code', type: 'char', length: 3 }) countryCode!: string;
  /** 'military' or 'police'. */
  @Column({ type: 'text' }) service!: 'military' | 'police';
}
