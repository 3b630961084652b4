/**
 * Secrets never reach what keras-compat writes: the summary, annotations, outputs, the JSON report and the log.
 * The code under test never gets the runner's credentials (the environment is an allow-list), and requirement lines
 * are shown as written, never expanded. This is the last net behind both: values that are or look like secrets
 * are replaced by *** in everything written, whatever printed them (pip quotes an index URL it expanded, a package
 * prints its environment).
 */
export type Redact = (text: string) => string

// Short values would wipe ordinary words and version numbers out of the report; real secrets are longer.
const MIN_SECRET = 8

// Names whose values are configuration the report explains, not secrets (KERAS_BACKEND=tensorflow).
const SWITCHES = new Set([
  'TF_USE_LEGACY_KERAS',
  'KERAS_BACKEND',
  'KERAS_HOME',
  'CUDA_VISIBLE_DEVICES',
  'TF_CPP_MIN_LOG_LEVEL',
  'TF_ENABLE_ONEDNN_OPTS',
  'PYTHONHASHSEED'
])

const SECRET_NAME = /TOKEN|SECRET|PASSW(OR)?D|PASSPHRASE|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH|^ACTIONS_/i

/** The password (and a user name that is itself a token) of a URL with credentials. */
function urlCredentials(value: string): string[] {
  const out: string[] = []
  for (const m of value.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/@\s:]*)(?::([^/@\s]*))?@/g)) {
    for (const part of [m[2], m[1]]) {
      if (!part) continue
      out.push(part)
      try {
        out.push(decodeURIComponent(part))
      } catch {
        // not percent-encoded text
      }
    }
  }
  return out
}

/** What must not appear: every value of the `env` input, the runner's credential-like variables, URL passwords. */
export function secretValues(userEnv: Record<string, string>, processEnv: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>()
  for (const [name, value] of Object.entries(userEnv)) {
    if (!SWITCHES.has(name.toUpperCase())) found.add(value)
    for (const c of urlCredentials(value)) found.add(c)
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (!value) continue
    if (SECRET_NAME.test(name)) found.add(value)
    for (const c of urlCredentials(value)) found.add(c)
  }
  // Longest first, so that a secret containing another is replaced whole.
  return [...found].filter(v => v.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
}

export function redactor(secrets: string[]): Redact {
  if (secrets.length === 0) return text => text
  return text => {
    let out = text
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***')
    return out
  }
}

/** A copy of a JSON-shaped value with every string redacted (keys too). */
export function redactDeep<T>(value: T, redact: Redact): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]))
    return v
  }
  return walk(value) as T
}
