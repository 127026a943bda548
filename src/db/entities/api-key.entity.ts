import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiScope } from '../../domain/api-scopes';

/** An API key as stored: its token is never stored, only the public lookup id and the secret's SHA-256. */
@Entity({ name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text', { name: 'lookup_id' }) lookupId: string;
  @Column('text', { name: 'secret_sha256' }) secretSha256: string;
  @Column('text', { array: true }) scopes: ApiScope[];
  @Column('uuid', { name: 'org_node_id', nullable: true }) orgNodeId: string | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
}
