import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';

/**
 * An office of an agency that receives reports. Where an office sits is confidential (finer
 * than the entity) and never leaves this database. Records loaded through the common format
 * carry no office and land in the agency's central registry.
 */
@Entity('office')
export class Office {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'agency_id', type: 'int' }) agencyId!: number;
  @ManyToOne(() => Agency) agency?: Agency;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ name: 'is_registry', type: 'boolean' }) isRegistry!: boolean;
}
