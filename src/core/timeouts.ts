/** Every time limit keras-compat puts on a command, named, in one place (milliseconds). */
const MINUTE = 60_000

/** The whole install: TensorFlow on a slow mirror takes minutes, never this long unless something hangs. */
export const INSTALL_TIMEOUT_MS = 45 * MINUTE
/** One dry-run resolution of a proposed fix. */
export const RESOLVE_TIMEOUT_MS = 10 * MINUTE
/** The whole proof of a fix plan: its dry runs, then its install and smoke test in a fresh venv. */
export const PLAN_PROOF_TIMEOUT_MS = 20 * MINUTE
/** Making a venv, or seeding setuptools into it. */
export const VENV_TIMEOUT_MS = 5 * MINUTE
/** Bootstrapping uv from the package index. */
export const BOOTSTRAP_TIMEOUT_MS = 5 * MINUTE
/** `pip check` / `uv pip check`: reads metadata only. */
export const CHECK_TIMEOUT_MS = 2 * MINUTE
/** `--version` of an installer. */
export const VERSION_TIMEOUT_MS = MINUTE
/** Asking the interpreter for its marker variables (about 20 ms when it works). */
export const INTERPRETER_TIMEOUT_MS = 30_000

/** Minutes, for sentences that state a limit. */
export const minutes = (ms: number): number => Math.round(ms / MINUTE)
