import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentScope, type GqlContext, byKey } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { type FileEntity, FileRepository } from '@pbw/files';
import { AgendaItemType, AgendaPaperType } from './agenda.dto';
import { AgendaPapersService } from './agenda-papers.service';

@Resolver(() => AgendaItemType)
export class AgendaPapersResolver {
  constructor(
    private readonly papers: AgendaPapersService,
    private readonly files: FileRepository,
  ) {}

  @ResolveField(() => AgendaPaperType, {
    nullable: true,
    description:
      'The item’s paper, once it is in and if you may download it (an exempt item’s: the secretariat, board members and its author).',
  })
  async paper(@Parent() item: AgendaItemType, @Ctx() c: GqlContext, @CurrentScope() s: Scope): Promise<AgendaPaperType | null> {
    if (!this.papers.mayDownload(s, item)) return null;
    const file = await c.loaders
      .get<FileEntity | null>('agenda.paperFiles', async (ids) => byKey(await this.files.findByIds(s, ids), (f) => f.id), null)
      .load(item.fileId);
    return file ? this.papers.describe(s, item, file) : null;
  }
}
