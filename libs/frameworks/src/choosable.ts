import { fieldError } from '@pbw/core';
import type { Scope } from '@pbw/db';
import type { FrameworkItemRepository } from './frameworks.repositories';

/**
 * The one rule for framework items chosen for a record (an action, evidence, a commitment, an
 * indicator, a voice item): every id must be an item of this partnership, and an item newly
 * chosen must be current: neither retired itself nor in a retired framework. Items the record
 * already has stay, retired or not. Throws a field error at `path`; `missing` says what to choose.
 */
export async function assertChoosableItems(
  items: FrameworkItemRepository,
  scope: Scope,
  ids: readonly string[],
  alreadyLinked: Iterable<string>,
  path: string,
  missing: string,
): Promise<void> {
  if (!ids.length) return;
  const found = await items.findByIds(scope, ids);
  if (found.length !== new Set(ids).size) throw fieldError(path, missing);
  const already = new Set(alreadyLinked);
  const added = ids.filter((i) => !already.has(i));
  const inRetired = new Set((await items.inRetiredFrameworks(scope, added)).map((i) => i.id));
  const retired = found.find((i) => !already.has(i.id) && (i.retiredAt || inRetired.has(i.id)));
  if (retired) throw fieldError(path, `${retired.code} has been retired and cannot be chosen.`);
}
