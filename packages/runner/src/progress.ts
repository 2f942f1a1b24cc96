/**
 * Progress of a long run: on a terminal one line rewritten in place with position, current cell and an ETA;
 * otherwise (CI logs, pipes) one plain line per finished repetition. With a precision target the run may add rounds
 * of repetitions: the ETA is then a range, from the repetitions planned so far to the most the run can come to.
 */
import { formatMs } from '@coresweep/core';
import { formatDuration } from './format.js';

/** Where the run is: repetitions done, planned so far, and at most (rounds may be added up to it). */
export interface Position {
  done: number;
  total: number;
  upTo: number;
}

export interface ProgressEvent extends Position {
  label: string;
  status: string;
  medianMs: number | null;
}

export class Progress {
  private readonly started = performance.now();
  private readonly tty: boolean;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY) && process.env.CI === undefined;
  }

  private eta({ done, total, upTo }: Position): string {
    if (done === 0) return '?';
    const perItem = (performance.now() - this.started) / done;
    const planned = formatDuration(perItem * (total - done));
    return upTo > total ? `${planned} to ${formatDuration(perItem * (upTo - done))}` : planned;
  }

  starting(position: Position, label: string): void {
    if (!this.tty) return;
    const width = this.stream.columns ?? 100;
    const line = `[${position.done}/${position.total}] ${label}  (elapsed ${formatDuration(performance.now() - this.started)}, ETA ${this.eta(position)})`;
    this.stream.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
  }

  finished(event: ProgressEvent): void {
    const result = event.status === 'ok' ? formatMs(event.medianMs) : event.status.toUpperCase();
    const line = `[${event.done}/${event.total}] ${event.label}: ${result}`;
    if (this.tty) {
      // Keep bad cells visible in the scrollback; good ones are summarised at the end.
      if (event.status !== 'ok') this.stream.write(`\r\x1b[2K${line}\n`);
    } else {
      this.stream.write(`${line}  ETA ${this.eta(event)}\n`);
    }
  }

  message(text: string): void {
    this.stream.write(this.tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }

  end(): void {
    if (this.tty) this.stream.write('\r\x1b[2K');
  }
}
