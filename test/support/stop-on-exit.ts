/** what to stop, synchronously (an exit hook cannot wait), when this process ends */
const stops = new Set<() => void>();

function stopAll(): void {
  for (const stop of stops) {
    try {
      stop();
    } catch {
      // stopping the others matters more
    }
  }
  stops.clear();
}

let hooked = false;

/**
 * Runs `stop` when the process exits, or is interrupted or terminated, unless the returned
 * function is called first (the test stopped it itself). So a server a test started is not left
 * running when the test fails, times out or is cut short.
 */
export function stopOnExit(stop: () => void): () => void {
  stops.add(stop);
  if (!hooked) {
    hooked = true;
    process.once('exit', stopAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopAll();
        // the listener is gone: raised again, the signal does what it would have done without it
        process.kill(process.pid, signal);
      });
    }
  }
  return () => stops.delete(stop);
}
