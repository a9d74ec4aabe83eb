import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, made on first use. A list that asks for a relation of each
 * item costs one query per relation, not one per item.
 */
export class Loaders {
  private readonly byName = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V> {
    let loader = this.byName.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => (found.has(k) ? (found.get(k) as V) : missing));
      });
      this.byName.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

/** Rows by their key, for a DataLoader batch. */
export function byKey<T>(rows: readonly T[], key: (r: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

/** Rows grouped by a key, in their order, for a DataLoader batch of lists. */
export function grouped<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

/** What loadMany found: without the misses (null) and the failures. */
export function present<T>(rows: ReadonlyArray<T | null | Error>): T[] {
  return rows.filter((x): x is T => x !== null && !(x instanceof Error));
}
