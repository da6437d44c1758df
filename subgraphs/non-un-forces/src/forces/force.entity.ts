import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A non-UN international force operating under a Security Council mandate. */
@Entity('force')
export class Force {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
}
