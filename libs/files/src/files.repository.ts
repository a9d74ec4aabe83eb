import { Injectable } from '@nestjs/common';
import { ScopedRepository } from '@pbw/db';
import { FileEntity } from './files.entities';

@Injectable()
export class FileRepository extends ScopedRepository<FileEntity> {
  protected readonly entity = FileEntity;
  protected readonly alias = 'f';
}
