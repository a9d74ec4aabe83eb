import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { ImportActionsInput, ImportResultType } from './workplans.dto';
import { WorkPlanCsvService } from './workplan-csv.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Work plan') });

/** A work plan's actions in and out as CSV (columns: see WorkPlanCsvService and the README). */
@Resolver()
export class WorkPlanCsvResolver {
  constructor(private readonly csv: WorkPlanCsvService) {}

  @Query(() => String, {
    description:
      'The plan’s actions you may see as CSV (UTF-8 with a byte order mark, CRLF), in the columns the import reads, so an export imports again. ' +
      'Cells that a spreadsheet would run as a formula start with a single quote.',
  })
  workPlanCsv(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string): Promise<string> {
    return this.csv.exportCsv(scope, id);
  }

  @Mutation(() => ImportResultType, {
    description:
      'Imports actions (and any new objectives) into a work plan from CSV: the sub-group’s chair or the secretariat. ' +
      'A dry run (the default) checks every row and writes nothing; its counts say what an import would create. ' +
      'Otherwise the actions are written, in one go, only when every row is valid.',
  })
  importActions(@CurrentScope() scope: Scope, @Args('input') input: ImportActionsInput): Promise<ImportResultType> {
    return this.csv.importActions(scope, input);
  }
}
