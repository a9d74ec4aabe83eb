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
