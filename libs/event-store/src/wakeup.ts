/**
 * A wake-up call for a waiting reader that is never lost: a wake() that arrives while nobody waits
 * makes the next wait() return at once.
 */
export class Wakeup {
  private pending = false;
  private release: (() => void) | undefined;

  wake(): void {
    if (this.release) this.release();
    else this.pending = true;
  }

  /**
   * Resolves on wake(), after `timeoutMs`, or when `signal` aborts, whichever comes first; to
   * true when it was woken.
   */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.pending || signal?.aborted) {
      const woken = this.pending;
      this.pending = false;
      return Promise.resolve(woken);
    }
    return new Promise((resolve) => {
      const finish = (woken: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        this.release = undefined;
        resolve(woken);
      };
      const aborted = (): void => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener('abort', aborted, { once: true });
      this.release = () => finish(true);
    });
  }
}

/** resolves after `ms`, or at once when `signal` aborts */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await new Wakeup().wait(ms, signal);
}
