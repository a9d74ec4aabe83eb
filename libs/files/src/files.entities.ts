import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AcceptedContentType } from './sniff';

/** PostgreSQL bigint arrives as a string; file sizes fit a JS number comfortably. */
const bigintAsNumber = {
  to: (v: number) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

@Entity('files')
export class FileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'uploaded_by_user_id', type: 'uuid' }) uploadedByUserId: string;
  /** As the uploader's computer named it: for display only, never a path. */
  @Column({ name: 'original_name', type: 'text' }) originalName: string;
  /** Decided from the content, not the name. */
  @Column({ name: 'content_type', type: 'text' }) contentType: AcceptedContentType;
  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber }) sizeBytes: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ type: 'boolean' }) attached: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const FILES_ENTITIES = [FileEntity];
