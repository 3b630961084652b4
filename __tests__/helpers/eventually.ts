// Waiting on another process (a detached remover): polls until the condition holds, failing after a bound.

/** Resolves once `done()` holds; rejects after `seconds`, naming `what`. */
export async function eventually(done: () => boolean, what: string, seconds = 20): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds} s`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}
