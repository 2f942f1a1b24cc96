/**
 * Prints this runtime's description as one line of JSON. The runner runs it under every runtime a run asks for (a
 * binary fresh from the npm registry included) before planning, so strategies can declare what they cannot run and
 * every cell records the runtime it ran on.
 */
import { describeThisRuntime } from './this-runtime.js';

process.stdout.write(`${JSON.stringify(describeThisRuntime())}\n`);
