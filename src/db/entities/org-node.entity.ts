import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Entities map columns only: constraints, indexes and generated search columns live in
// `migrations/`, which are the single source of truth for the schema.

@Entity({ name: 'org_node' })
export class OrgNodeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') key: string;
  @Column('text') name: string;
  @Column('text') kind: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}

/** Closure table of the organisation tree: one row per ancestor/descendant pair, depth 0 for self. */
@Entity({ name: 'org_node_closure' })
export class OrgNodeClosureEntity {
  @PrimaryColumn('uuid', { name: 'ancestor_id' }) ancestorId: string;
  @PrimaryColumn('uuid', { name: 'descendant_id' }) descendantId: string;
  @Column('integer') depth: number;
}
