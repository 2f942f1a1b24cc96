/**
 * How piscina's users move data instead of copying it: a value marked by Piscina.move(). Shared by the primary (a
 * task) and the threads (a result), so it has a module of its own.
 */
import { Piscina } from 'piscina';

/**
 * `value` marked by Piscina.move() to travel with `transfer` moved, not copied: piscina accepts any object that
 * carries its transferable and value symbols, and moves a marked task (and a marked result from a thread).
 */
export function movable<T>(value: T, transfer: ArrayBuffer[]): T {
  // piscina types its Transferable with symbols of its own that its public getters do not name: hence the cast.
  const transferable = { [Piscina.transferableSymbol]: transfer, [Piscina.valueSymbol]: value };
  return Piscina.move(transferable as unknown as Parameters<typeof Piscina.move>[0]) as T;
}
