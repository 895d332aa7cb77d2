/**
 * The operations a reader of one operation is likely to want next: the
 * other methods on its path, the operations on the paths beside it, on its
 * parent and on its children, in that order. Read from the path templates,
 * so a new operation finds its neighbours by itself.
 */
import type { ContractOperation } from '@freddy/spec';

type Addressed = Pick<ContractOperation, 'id' | 'path'>;

export function relatedOperations<T extends Addressed>(operations: readonly T[], of: Addressed): T[] {
  const parent = parentPath(of.path);
  const ranks: ((other: T) => boolean)[] = [
    (other) => other.path === of.path,
    (other) => parent !== '' && other.path !== of.path && parentPath(other.path) === parent,
    (other) => other.path === parent,
    (other) => parentPath(other.path) === of.path,
  ];
  const others = operations.filter((other) => other.id !== of.id);
  const found: T[] = [];
  for (const rank of ranks) for (const other of others) if (rank(other) && !found.includes(other)) found.push(other);
  return found;
}

function parentPath(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
