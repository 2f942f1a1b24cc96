import { describe, expect, it } from 'vitest';
import { derivedMachineIdentity, MACHINE_NAME_PATTERN, machineIdentity } from '../src/machine.js';

const box = {
  cpuModel: 'AMD EPYC 7B13',
  usableCores: 2,
  memoryBytes: 8 * 2 ** 30 - 300e6,
  os: 'Linux 6.1.0-18-amd64',
  arch: 'x64',
};

describe('machine identity', () => {
  it('is stable for the same hardware and limits, and readable', () => {
    const a = derivedMachineIdentity(box);
    expect(a.id).toMatch(/^x64-2c-[0-9a-f]{8}$/);
    expect(derivedMachineIdentity({ ...box }).id).toBe(a.id);
    expect(a.label).toBe('AMD EPYC 7B13 · 2 usable cores · 8 GB · Linux x64');
    expect(MACHINE_NAME_PATTERN.test(a.id)).toBe(true);
  });

  it('ignores what does not change the hardware: kernel release, memory jitter under a GiB, spacing', () => {
    const id = derivedMachineIdentity(box).id;
    expect(derivedMachineIdentity({ ...box, os: 'Linux 6.8.0-1017-azure' }).id).toBe(id);
    expect(derivedMachineIdentity({ ...box, memoryBytes: box.memoryBytes + 200e6 }).id).toBe(id);
    expect(derivedMachineIdentity({ ...box, cpuModel: ' AMD  EPYC 7B13 ' }).id).toBe(id);
  });

  it('tells apart every fact that changes the numbers: usable cores, CPU, memory, OS, architecture', () => {
    const id = derivedMachineIdentity(box).id;
    const one = derivedMachineIdentity({ ...box, usableCores: 1 });
    expect(one.id).toMatch(/^x64-1c-/);
    expect(one.label).toContain('1 usable core ·');
    const others = [
      one.id,
      derivedMachineIdentity({ ...box, cpuModel: 'Intel Xeon Platinum 8370C' }).id,
      derivedMachineIdentity({ ...box, memoryBytes: 16 * 2 ** 30 }).id,
      derivedMachineIdentity({ ...box, os: 'Darwin 24.1.0' }).id,
      derivedMachineIdentity({ ...box, arch: 'arm64' }).id,
    ];
    expect(new Set([id, ...others]).size).toBe(6);
  });

  it('takes the id and label a file carries, and derives them for files written before machine ids', () => {
    expect(machineIdentity({ ...box, id: 'ci-linux-arm', label: 'ci-linux-arm' })).toEqual({
      id: 'ci-linux-arm',
      label: 'ci-linux-arm',
    });
    expect(machineIdentity({ ...box, id: 'lab-box' })).toEqual({ id: 'lab-box', label: 'lab-box' });
    expect(machineIdentity(box)).toEqual(derivedMachineIdentity(box));
  });

  it('accepts plain names and refuses names that would break a URL or a file name', () => {
    for (const good of ['ubuntu-24.04-arm', 'Mac_mini.M2', 'a']) expect(MACHINE_NAME_PATTERN.test(good)).toBe(true);
    for (const bad of ['', '-x', 'a/b', 'a b', '../x', 'x'.repeat(65)])
      expect(MACHINE_NAME_PATTERN.test(bad)).toBe(false);
  });
});
