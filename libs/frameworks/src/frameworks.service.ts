import { Injectable } from '@nestjs/common';
import { type ConnectionShape, fieldError, forbidden, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import type {
  CreateFrameworkInput,
  CreateFrameworkItemInput,
  FrameworksArgs,
  UpdateFrameworkInput,
  UpdateFrameworkItemInput,
} from './frameworks.dto';
import type { FrameworkEntity, FrameworkItemEntity } from './frameworks.entities';
import { FrameworkItemRepository, FrameworkRepository } from './frameworks.repositories';

const BUILT_IN = 'The corporate parenting principles are set in law and cannot be changed.';

/** The lists work is tagged against. The secretariat manages the partnership's own; the statutory principles are read-only. */
@Injectable()
export class FrameworksService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly frameworks: FrameworkRepository,
    private readonly items: FrameworkItemRepository,
  ) {}

  list(scope: Scope, args: FrameworksArgs): Promise<ConnectionShape<FrameworkEntity>> {
    return this.frameworks.list(scope, args.includeRetired, args);
  }

  async framework(scope: Scope, id: string): Promise<FrameworkEntity> {
    const f = await this.frameworks.findById(scope, id);
    if (!f) throw notFound('Framework');
    return f;
  }

  async item(scope: Scope, id: string): Promise<FrameworkItemEntity> {
    const i = await this.items.findById(scope, id);
    if (!i) throw notFound('Framework item');
    return i;
  }

  createFramework(scope: Scope, input: CreateFrameworkInput): Promise<FrameworkEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'framework.create', async (tx) => {
      if (await this.frameworks.findByName(tx, input.name))
        throw fieldError('input.name', `A framework called ${input.name} already exists.`);
      const f = await this.frameworks.insert(tx, {
        name: input.name,
        kind: input.kind,
        description: input.description ?? '',
        builtIn: false,
        retiredAt: null,
      });
      return { result: f, audit: { entityType: 'Framework', entityId: f.id, before: null, after: snapshot(f) } };
    });
  }

  updateFramework(scope: Scope, input: UpdateFrameworkInput): Promise<FrameworkEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'framework.update', async (tx) => {
      const f = await this.editableFramework(tx, input.id);
      const before = snapshot(f);
      if (
        input.name !== undefined &&
        input.name.toLowerCase() !== f.name.toLowerCase() &&
        (await this.frameworks.findByName(tx, input.name))
      ) {
        throw fieldError('input.name', `A framework called ${input.name} already exists.`);
      }
      if (input.name !== undefined) f.name = input.name;
      if (input.description !== undefined) f.description = input.description;
      const saved = await this.frameworks.save(tx, f);
      return { result: saved, audit: { entityType: 'Framework', entityId: f.id, before, after: snapshot(saved) } };
    });
  }

  setFrameworkRetired(scope: Scope, id: string, retired: boolean): Promise<FrameworkEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, retired ? 'framework.retire' : 'framework.restore', async (tx) => {
      const f = await this.editableFramework(tx, id);
      const before = snapshot(f);
      f.retiredAt = retired ? (f.retiredAt ?? new Date()) : null;
      const saved = await this.frameworks.save(tx, f);
      return { result: saved, audit: { entityType: 'Framework', entityId: f.id, before, after: snapshot(saved) } };
    });
  }

  createItem(scope: Scope, input: CreateFrameworkItemInput): Promise<FrameworkItemEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'frameworkItem.create', async (tx) => {
      const f = await this.frameworks.lockById(tx, input.frameworkId);
      if (!f) throw fieldError('input.frameworkId', 'Choose a framework from this partnership.');
      if (f.builtIn) throw forbidden(BUILT_IN);
      if (await this.items.findByCode(tx, f.id, input.code)) throw fieldError('input.code', `${f.name} already has an item ${input.code}.`);
      const item = await this.items.insert(tx, {
        frameworkId: f.id,
        code: input.code,
        title: input.title,
        description: input.description ?? '',
        position: await this.items.nextPosition(tx, f.id),
        retiredAt: null,
      });
      return { result: item, audit: { entityType: 'FrameworkItem', entityId: item.id, before: null, after: snapshot(item) } };
    });
  }

  updateItem(scope: Scope, input: UpdateFrameworkItemInput): Promise<FrameworkItemEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'frameworkItem.update', async (tx) => {
      const item = await this.editableItem(tx, input.id);
      const before = snapshot(item);
      if (input.title !== undefined) item.title = input.title;
      if (input.description !== undefined) item.description = input.description;
      const saved = await this.items.save(tx, item);
      return { result: saved, audit: { entityType: 'FrameworkItem', entityId: item.id, before, after: snapshot(saved) } };
    });
  }

  /** Deletes an unused item; an item that work is tagged with is retired instead, so history keeps its meaning. */
  removeItem(scope: Scope, id: string): Promise<{ retired: boolean; item: FrameworkItemEntity | null }> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run<{ retired: boolean; item: FrameworkItemEntity | null }>(scope, 'frameworkItem.remove', async (tx) => {
      const item = await this.editableItem(tx, id);
      const before = snapshot(item);
      if (await this.items.inUse(tx, item.id)) {
        item.retiredAt = item.retiredAt ?? new Date();
        const saved = await this.items.save(tx, item);
        return {
          result: { retired: true, item: saved },
          audit: { action: 'frameworkItem.retire', entityType: 'FrameworkItem', entityId: item.id, before, after: snapshot(saved) },
        };
      }
      await this.items.remove(tx, item);
      return {
        result: { retired: false, item: null },
        audit: { action: 'frameworkItem.delete', entityType: 'FrameworkItem', entityId: id, before, after: null },
      };
    });
  }

  restoreItem(scope: Scope, id: string): Promise<FrameworkItemEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'frameworkItem.restore', async (tx) => {
      const item = await this.editableItem(tx, id);
      const before = snapshot(item);
      item.retiredAt = null;
      const saved = await this.items.save(tx, item);
      return { result: saved, audit: { entityType: 'FrameworkItem', entityId: item.id, before, after: snapshot(saved) } };
    });
  }

  private async editableFramework(tx: TxScope, id: string): Promise<FrameworkEntity> {
    const f = await this.frameworks.lockById(tx, id);
    if (!f) throw notFound('Framework');
    if (f.builtIn) throw forbidden(BUILT_IN);
    return f;
  }

  private async editableItem(tx: TxScope, id: string): Promise<FrameworkItemEntity> {
    const item = await this.items.lockById(tx, id);
    if (!item) throw notFound('Framework item');
    const f = await this.frameworks.findById(tx, item.frameworkId);
    if (f?.builtIn) throw forbidden(BUILT_IN);
    return item;
  }
}
