"""
coresweep's CPython side: runs the parts of a workload's CPython twin on a pool of threads or of processes.

Started (with execa, in a process group of its own) by @coresweep/python-kit as

    python3 -I -B server.py threads|processes WORKERS TWIN_FILE

It loads the twin (a module with `run(start, end, size)` returning exactly what the JavaScript workload's `run`
returns for that part), starts the pool, and speaks one JSON object per line:

    stdout  {"type": "ready", "pids": [...], "python": "3.11.7", "startMethod": "fork"}    once the pool is up
            {"type": "load-failed", "error": {...}}                                      the twin did not load
            {"type": "result", "id": N, "results": [...]}                                one value per part, in order
            {"type": "part-failed", "id": N, "error": {...}}                             a part raised
            {"type": "broken", "error": {...}}                                           the pool cannot go on
    stdin   {"id": N, "size": S, "parts": [[start, end], ...]}                           one job, any number at once

Errors are {"name", "message", "stack"} with the Python traceback as the stack (a process worker's own traceback
included). The protocol goes to a private copy of the original stdout; fd 1 itself then points at stderr, so a stray
print() in a twin or a worker cannot corrupt it.

End of input means the parent is gone or closing: every pool process is killed and reaped (nothing may outlive the
run, and an orphaned zombie would stay until its new parent reaps it), then the process exits at once, without
waiting for busy threads. So the Node side closes by ending stdin, and a Node process that dies — however it dies —
takes this process and its pool with it.
"""
import functools
import importlib.util
import json
import multiprocessing
import os
import platform
import sys
import threading
import traceback
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

# How long the pool's workers may take to start and meet (see start_workers) before start-up counts as failed.
START_TIMEOUT_SEC = 60

TWIN = None
BARRIER = None


def load_twin(path):
    spec = importlib.util.spec_from_file_location("coresweep_twin", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["coresweep_twin"] = module
    spec.loader.exec_module(module)
    return module


def init_worker(path, barrier):
    """Pool initializer: the twin (a forked process has it already) and the start-up barrier."""
    global TWIN, BARRIER
    if TWIN is None:
        TWIN = load_twin(path)
    BARRIER = barrier


def meet():
    """Blocks until every worker has started and loaded the twin; so N of these run on N distinct workers."""
    BARRIER.wait(timeout=START_TIMEOUT_SEC)
    return os.getpid()


def run_part(start, end, size):
    return TWIN.run(start, end, size)


def serialize(error):
    stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return {"name": type(error).__name__, "message": str(error) or type(error).__name__, "stack": stack}


class Channel:
    """The protocol's output: whole lines, one writer at a time (results arrive on pool threads)."""

    def __init__(self):
        self.out = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)
        self.lock = threading.Lock()

    def send(self, message):
        line = json.dumps(message, separators=(",", ":")) + "\n"
        with self.lock:
            try:
                self.out.write(line)
                self.out.flush()
            except (BrokenPipeError, OSError):
                shut_down(1)


def make_pool(mode, workers, twin_path):
    if mode == "threads":
        barrier = threading.Barrier(workers)
        return ThreadPoolExecutor(workers, initializer=init_worker, initargs=(twin_path, barrier)), None
    # fork where the platform has it (Linux; the default there up to 3.13): the workers inherit the loaded twin and
    # start in milliseconds. It happens before this process starts any thread of its own.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    barrier = context.Barrier(workers)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(twin_path, barrier))
    return pool, context.get_start_method()


def start_workers(pool, workers):
    """Starts every worker now rather than on first use, so start-up is timed as start-up, not as the first run."""
    meetings = [pool.submit(meet) for _ in range(workers)]
    return sorted({future.result(timeout=START_TIMEOUT_SEC + 5) for future in meetings})


def submit_job(pool, job, channel):
    job_id, size, parts = job["id"], job["size"], job["parts"]
    results = [None] * len(parts)
    state = {"remaining": len(parts), "settled": False}
    lock = threading.Lock()

    def settle(index, future):
        error = future.exception()
        with lock:
            if state["settled"]:
                return
            if error is None:
                results[index] = future.result()
                state["remaining"] -= 1
                if state["remaining"] > 0:
                    return
            state["settled"] = True
        if error is None:
            channel.send({"type": "result", "id": job_id, "results": results})
        elif isinstance(error, BrokenProcessPool):
            channel.send({"type": "broken", "error": serialize(error)})
        else:
            channel.send({"type": "part-failed", "id": job_id, "error": serialize(error)})

    for index, (start, end) in enumerate(parts):
        try:
            future = pool.submit(run_part, start, end, size)
        except BrokenProcessPool as error:
            channel.send({"type": "broken", "error": serialize(error)})
            return
        future.add_done_callback(functools.partial(settle, index))


def shut_down(code=0):
    """Kills and reaps every pool process, then exits without waiting for busy threads."""
    children = multiprocessing.active_children()
    for child in children:
        child.kill()
    for child in children:
        child.join(timeout=5)
    os._exit(code)


def main():
    mode, workers, twin_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    channel = Channel()
    global TWIN
    try:
        TWIN = load_twin(twin_path)
        pool, start_method = make_pool(mode, workers, twin_path)
        met = start_workers(pool, workers)
        # Threads meet in this process: it is the only one. Processes report their own pids.
        pids = met if mode == "processes" else []
    except BaseException as error:  # noqa: BLE001 - whatever stops start-up is reported, then the process ends
        failure = serialize(error)
        # Only this message reaches the start() error (not the traceback): it names the exception's type.
        failure["message"] = f"{failure['name']}: {failure['message']}"
        channel.send({"type": "load-failed", "error": failure})
        shut_down(1)
    channel.send({"type": "ready", "pids": pids, "python": platform.python_version(), "startMethod": start_method})
    for line in iter(sys.stdin.readline, ""):
        # A line cut short by the end of input is a parent that died mid-write: nothing to run, end as at EOF.
        if not line.endswith("\n"):
            break
        if line.strip():
            submit_job(pool, json.loads(line), channel)
    shut_down(0)


if __name__ == "__main__":
    try:
        main()
    except BaseException:  # noqa: BLE001 - a bug here must still take the pool down with this process
        traceback.print_exc()
        shut_down(70)
