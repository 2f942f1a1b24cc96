/**
 * A machine's identity: which runs were measured on the same kind of machine. Times and speedups compare only within
 * one machine, so the report groups runs by it and shows other machines side by side, never averaged together.
 *
 * The id is derived from what decides the numbers: the CPU model, the cores the run could use (a run under
 * `taskset -c 0` on a 2-core box is a different machine from one on both cores), the memory, the kind of OS and the
 * architecture. Deliberately left out: the hostname (two CI runners of one type are one machine), the kernel release
 * (an update is not new hardware) and memory below a GiB (VMs of one type report slightly different totals).
 */
import type { Machine } from './schema.js';

/** What a user may name a machine with `--machine NAME`: it appears in file names and URLs of the report. */
export const MACHINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface MachineIdentity {
  /** Stable across runs on the same kind of machine; URL-safe. */
  id: string;
  /** What people read: the name given, or CPU model, usable cores, memory, OS and architecture. */
  label: string;
}

type HardwareFacts = Pick<Machine, 'cpuModel' | 'usableCores' | 'memoryBytes' | 'os' | 'arch'>;

const GIB = 2 ** 30;

/** 32-bit FNV-1a hash of a string: small, stable across platforms and versions (an id must never change). */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** "Linux" from "Linux 6.1.0-18-amd64", "Darwin" from "Darwin 24.1.0". */
function osKind(os: string): string {
  return os.trim().split(/\s+/)[0] || 'unknown';
}

function memoryGib(bytes: number): number {
  return Math.max(1, Math.round(bytes / GIB));
}

/** The facts the derived id stands for, in a fixed order. */
function facts(machine: HardwareFacts): string {
  const cpu = machine.cpuModel.trim().replace(/\s+/g, ' ');
  return [cpu, machine.usableCores, memoryGib(machine.memoryBytes), osKind(machine.os), machine.arch].join('|');
}

/** The identity derived from the hardware facts alone: `x64-2c-` and a hash of all the facts. */
export function derivedMachineIdentity(machine: HardwareFacts): MachineIdentity {
  const hash = hashString(facts(machine)).toString(16).padStart(8, '0');
  const arch = machine.arch.replace(/[^A-Za-z0-9]+/g, '') || 'cpu';
  const cores = machine.usableCores;
  return {
    id: `${arch}-${cores}c-${hash}`,
    label:
      `${machine.cpuModel.trim() || 'unknown CPU'} · ${cores} usable core${cores === 1 ? '' : 's'} · ` +
      `${memoryGib(machine.memoryBytes)} GB · ${osKind(machine.os)} ${machine.arch}`,
  };
}

/**
 * A run's machine: the id and label the file carries, or (files written before machine ids) the derived ones, so
 * that an old file and a new one from the same machine are grouped together.
 */
export function machineIdentity(machine: HardwareFacts & { id?: string; label?: string }): MachineIdentity {
  const derived = derivedMachineIdentity(machine);
  return { id: machine.id ?? derived.id, label: machine.label ?? machine.id ?? derived.label };
}
