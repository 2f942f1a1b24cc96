/**
 * The runtime's own one-line account of a native crash, found in a dead process's output. A native stack trace
 * follows it and can push it out of any tail of the output, so the runner puts this line first in a cell's error.
 *
 * Three shapes are recognised, as Node and V8 print them to stderr before aborting:
 *   FATAL ERROR: v8::Module::IsGraphAsync must be used on an instantiated module       (V8 fatal error, heap exhausted)
 *   Fatal JavaScript out of memory: …  /  Fatal process out of memory: …                  (V8 out of memory)
 *   #  node[123]: void node::uv::ErrName(…) at ../src/uv.cc:75                          (Node's failed internal check:
 *   #  Assertion failed: (err) < (0)                                                     the check, then where it is)
 *   # Fatal error in ../deps/v8/src/api/api.cc, line 123                                (V8's failed internal check)
 *   # Check failed: …
 */
const V8_FATAL = /^(FATAL ERROR|Fatal (JavaScript|process) )/;
const NODE_CHECK_WHERE = /^#\s*\S*node\[\d+\]: (.+)$/;
const NODE_CHECK = /^#\s*(Assertion failed: .+|Unreachable code reached.*)$/;
const V8_CHECK_WHERE = /^#\s*(Fatal error in .+)$/;

/** The first fatal runtime line in `output`, in one line, or undefined when the process left none. */
export function fatalLine(output: string): string | undefined {
  const lines = output.split('\n').map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (V8_FATAL.test(line)) return line;
    const check = NODE_CHECK.exec(line)?.[1];
    if (check) {
      const where = NODE_CHECK_WHERE.exec(lines[index - 1] ?? '')?.[1];
      return where ? `${check} (in ${where})` : check;
    }
    const v8Where = V8_CHECK_WHERE.exec(line)?.[1];
    if (v8Where) {
      const message = /^#\s*(\S.*)$/.exec(lines[index + 1] ?? '')?.[1];
      return message ? `${v8Where}: ${message}` : v8Where;
    }
  }
  return undefined;
}
