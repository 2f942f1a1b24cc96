/**
 * Reading and validating result files. Both the runner (on write and on --resume) and the report (on read)
 * go through here, so a bad file is always reported the same way: one line naming the file and the field.
 */
import type { z } from 'zod';
import { CoresweepError } from './errors.js';
import { type ResultFile, ResultFileSchema, SCHEMA_VERSION } from './schema.js';

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** One line per problem, at most `limit` of them: `cells[3].wallMs.median: expected number, received string`. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => `${describePath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (+${error.issues.length - limit} more)` : '';
  return lines.join('; ') + more;
}

/** Validates an already parsed value; throws E_INVALID_RESULT_FILE naming `source` and the first bad fields. */
export function validateResultFile(value: unknown, source: string): ResultFile {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (value !== null && typeof value === 'object' && version !== SCHEMA_VERSION) {
    throw new CoresweepError(
      'E_INVALID_RESULT_FILE',
      `${source}: schemaVersion: expected ${SCHEMA_VERSION}, found ${JSON.stringify(version) ?? 'nothing'}`,
    );
  }
  const parsed = ResultFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new CoresweepError('E_INVALID_RESULT_FILE', `${source}: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

/** Parses JSON text and validates it; `source` names the file in every message. */
export function parseResultFile(text: string, source: string): ResultFile {
  let value: unknown;
  try {
    // A byte-order mark is legal at the start of a UTF-8 file but not in JSON text.
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    // V8 quotes the text around the error, line breaks included; the message must stay one line.
    const reason = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw new CoresweepError('E_INVALID_RESULT_FILE', `${source}: not valid JSON (${reason})`);
  }
  return validateResultFile(value, source);
}
