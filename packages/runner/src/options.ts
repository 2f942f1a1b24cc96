/**
 * Command-line options, declared once per command: the declaration gives node:util.parseArgs its configuration and
 * the command its help text, so an option cannot be parsed without being documented or documented without being
 * parsed. Parsing is strict (an unknown flag is an error naming the valid ones); checking the values is args.ts's job.
 */
import { parseArgs } from 'node:util';
import { CoresweepError } from '@coresweep/core';

export interface OptionDeclaration {
  type: 'string' | 'boolean';
  /** May be given more than once; the values arrive as an array. */
  multiple?: boolean;
  /** What the value looks like in the help: `quick|full`, `a,b`, `N`. */
  value?: string;
  /** One line for the help; say the default in it. */
  help: string;
}

export type OptionTable = Record<string, OptionDeclaration>;

/** A command's usage line, its options and the notes printed after them. */
export interface CommandDeclaration<T extends OptionTable> {
  name: string;
  usage: string;
  options: T;
  notes?: string;
}

type ValueOf<D extends OptionDeclaration> = D['type'] extends 'boolean'
  ? boolean
  : D['multiple'] extends true
    ? string[]
    : string;

export type OptionValues<T extends OptionTable> = { [K in keyof T]?: ValueOf<T[K]> };

export interface ParsedCommand<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
}

/** Every command answers --help (and -h) the same way. */
const HELP_OPTION = { type: 'boolean', short: 'h' } as const;

/** The column at which help texts start: wide enough for the longest run option. */
const HELP_COLUMN = 29;

export function helpText<T extends OptionTable>(command: CommandDeclaration<T>): string {
  const lines = Object.entries(command.options).map(([name, option]) => {
    const flag = `  --${name}${option.value ? ` ${option.value}` : ''}`;
    return `${flag.padEnd(HELP_COLUMN - 1)} ${option.help}`;
  });
  return [command.usage, ...lines, ...(command.notes ? [command.notes] : [])].join('\n');
}

/**
 * Parses a command's arguments, or returns null after printing the help when --help was given. Errors are one
 * E_USAGE line: `coresweep NAME: <what parseArgs said> (valid options: --a, --b, --help)`.
 */
export function parseCommand<T extends OptionTable>(
  command: CommandDeclaration<T>,
  args: string[],
): ParsedCommand<T> | null {
  const options = {
    ...Object.fromEntries(
      Object.entries(command.options).map(([name, o]) => [name, { type: o.type, multiple: o.multiple ?? false }]),
    ),
    help: HELP_OPTION,
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '');
    const valid = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new CoresweepError('E_USAGE', `coresweep ${command.name}: ${message} (valid options: ${valid})`);
  }
  const { help, ...values } = parsed.values;
  if (help) {
    process.stdout.write(`${helpText(command)}\n`);
    return null;
  }
  return { values: values as OptionValues<T>, positionals: parsed.positionals };
}

/** An option's value; an empty one (`--workers=`, `--resume ""`) is an error, never the same as leaving it out. */
export function nonEmpty(value: string | undefined, name: string, what = 'a value'): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new CoresweepError('E_USAGE', `--${name}: needs ${what}`);
  return value;
}
