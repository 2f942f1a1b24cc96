/**
 * fatalLine() on output as Node 20 prints it when it aborts. The first two samples are what a worker thread printed
 * when it was terminated inside require(esm) (the piscina abort, packages/strategies/piscina/README.md); the end-to-end
 * case, a real failed assertion ending a cell, is in fault.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fatalLine } from '../src/fatal-line.js';
import { crashText, withFatalLine } from '../src/spawn-job.js';

const NODE_ASSERTION = `i=5
  #  node[7315]: static void node::loader::ModuleWrap::CreateRequiredModuleFacade(const v8::FunctionCallbackInfo<v8::Value>&) at ../src/module_wrap.cc:1070
  #  Assertion failed: facade->InstantiateModule(context, LinkRequireFacadeWithOriginal) .IsJust()

----- Native stack trace -----

 1: 0xcb5167 node::Assert(node::AssertionInfo const&) [node]
 2: 0xc5b5c2 node::loader::ModuleWrap::CreateRequiredModuleFacade(v8::FunctionCallbackInfo<v8::Value> const&) [node]
`;

const V8_FATAL = `i=4
FATAL ERROR: v8::Module::IsGraphAsync v8::Module::IsGraphAsync must be used on an instantiated module
----- Native stack trace -----

 1: 0xb78c78 node::OnFatalError(char const*, char const*) [node]
 2: 0xeef0eb v8::Module::IsGraphAsync() const [node]
`;

const V8_CHECK = `
#
# Fatal error in ../deps/v8/src/objects/module.cc, line 301
# Check failed: module->status() >= kLinked.
#
#
#
#FailureMessage Object: 0x7ffd
----- Native stack trace -----
`;

describe('fatalLine', () => {
  it("names Node's failed assertion and where it is", () => {
    expect(fatalLine(NODE_ASSERTION)).toBe(
      'Assertion failed: facade->InstantiateModule(context, LinkRequireFacadeWithOriginal) .IsJust() (in static void ' +
        'node::loader::ModuleWrap::CreateRequiredModuleFacade(const v8::FunctionCallbackInfo<v8::Value>&) at ' +
        '../src/module_wrap.cc:1070)',
    );
  });

  it("names V8's fatal error, and its failed check with the file and line", () => {
    expect(fatalLine(V8_FATAL)).toBe(
      'FATAL ERROR: v8::Module::IsGraphAsync v8::Module::IsGraphAsync must be used on an instantiated module',
    );
    expect(fatalLine(V8_CHECK)).toBe(
      'Fatal error in ../deps/v8/src/objects/module.cc, line 301: Check failed: module->status() >= kLinked.',
    );
  });

  it('finds nothing in ordinary output, or in an error that only mentions a fatal error', () => {
    expect(fatalLine('')).toBeUndefined();
    expect(fatalLine('Error: boom\n    at run (file:///w.js:1:1)\n# a comment\n')).toBeUndefined();
    expect(fatalLine('Error: expected no FATAL ERROR: lines\n')).toBeUndefined();
  });

  it('leads the error of a dead cell, though the native stack trace comes after it', () => {
    const output = `${NODE_ASSERTION}${' 9: 0x1 frame [node]\n'.repeat(40)}`;
    const text = crashText('killed by SIGABRT', output);
    expect(text.split('\n')[0]).toBe(`cell process killed by SIGABRT: ${fatalLine(NODE_ASSERTION)}`);
    expect(text.split('\n')).toHaveLength(13); // that line and the last 12 of the output
  });
});

describe('withFatalLine', () => {
  const failed = { kind: 'reference' as const, checksum: null, error: 'worker 0 exited unexpectedly', runMs: 0 };

  it("adds the fatal line of the cell's output to a failed outcome, once", () => {
    const added = withFatalLine(failed, V8_FATAL);
    expect(added.error).toBe(
      `worker 0 exited unexpectedly\nthe cell's output names a fatal runtime error: ${fatalLine(V8_FATAL)}`,
    );
    expect(withFatalLine(added, V8_FATAL)).toEqual(added);
  });

  it('leaves a successful outcome, and output without a fatal line, alone', () => {
    expect(withFatalLine({ ...failed, error: null }, V8_FATAL).error).toBeNull();
    expect(withFatalLine(failed, 'Error: boom\n')).toEqual(failed);
  });
});
