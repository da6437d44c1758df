import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A peacekeeping operation or special political mission. */
@Entity('mission')
export class Mission {
  @PrimaryGeneratedColumn() id!: number;
  /** Public code, e.g. MINUSCA. */
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  /** 'PKO' (peacekeeping operation) or 'SPM' (special political mission). */
  @Column({ type: 'text' }) kind!: 'PKO' | 'SPM';
}
