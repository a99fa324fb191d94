/** a subscription ends when its caller aborts, or when the store closes */
export function untilClosed(closing: AbortSignal, signal?: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, closing]) : closing;
}
