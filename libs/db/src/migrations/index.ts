import { Identity1763800000000 } from './1763800000000-identity';

/** In order. A new migration is appended here and nowhere else. */
export const MIGRATIONS = [Identity1763800000000];
