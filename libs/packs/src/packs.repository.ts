import { Injectable } from '@nestjs/common';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { BoardPackEntity } from './packs.entities';

@Injectable()
export class BoardPackRepository extends ScopedRepository<BoardPackEntity> {
  protected readonly entity = BoardPackEntity;
  protected readonly alias = 'bp';

  forMeeting(scope: Scope, meetingId: string): Promise<BoardPackEntity[]> {
    return this.select(scope).andWhere('bp.meeting_id = :meetingId', { meetingId }).orderBy('bp.version', 'DESC').getMany();
  }

  /** The next version number for a meeting; call with the meeting locked. */
  async nextVersion(tx: TxScope, meetingId: string): Promise<number> {
    const r = await this.select(tx)
      .select('COALESCE(MAX(bp.version), 0)', 'max')
      .andWhere('bp.meeting_id = :meetingId', { meetingId })
      .getRawOne<{ max: number }>();
    return Number(r?.max ?? 0) + 1;
  }
}
