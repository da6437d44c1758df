import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A UN agency, fund, programme or other entity. */
@Entity('agency')
export class Agency {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
}
