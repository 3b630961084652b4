/**
 * The environment every command keras-compat starts is built from an allow-list, never from the whole process
 * environment: the code under test (build backends, imported packages) must not see the job's command files
 * (GITHUB_OUTPUT, GITHUB_ENV, …), the runner's tokens (ACTIONS_*), secrets passed to the step, or Python and
 * installer settings that would point it outside the venv (PYTHONPATH, PIP_TARGET, …).
 */

/** What the system, Python and compilers need to work at all, on Linux, macOS and Windows. */
const SYSTEM = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LD_LIBRARY_PATH',
  'PYENV_ROOT',
  'PYENV_VERSION',
  'XDG_CONFIG_HOME',
  'XDG_CONFIG_DIRS',
  'CC',
  'CXX',
  'CFLAGS',
  'CXXFLAGS',
  'CPPFLAGS',
  'LDFLAGS',
  'PKG_CONFIG_PATH',
  // Windows
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'SYSTEMDRIVE',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'PROGRAMFILES(X86)',
  'PROGRAMW6432',
  'COMMONPROGRAMFILES',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'USERNAME',
  'NUMBER_OF_PROCESSORS',
  'PROCESSOR_ARCHITECTURE',
  'PROCESSOR_IDENTIFIER',
  'OS'
]

/** How the runner reaches the package index: proxies, certificates, and the index settings of pip and uv. */
const NETWORK = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'NETRC',
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_FIND_LINKS',
  'PIP_NO_INDEX',
  'PIP_TRUSTED_HOST',
  'PIP_CERT',
  'PIP_CLIENT_CERT',
  'PIP_PROXY',
  'PIP_DEFAULT_TIMEOUT',
  'PIP_TIMEOUT',
  'PIP_RETRIES',
  'PIP_CONFIG_FILE',
  'PIP_KEYRING_PROVIDER',
  'PIP_DISABLE_PIP_VERSION_CHECK',
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_INDEX',
  'UV_FIND_LINKS',
  'UV_NO_INDEX',
  'UV_INDEX_STRATEGY',
  'UV_HTTP_TIMEOUT',
  'UV_REQUEST_TIMEOUT',
  'UV_HTTP_RETRIES',
  'UV_NATIVE_TLS',
  'UV_INSECURE_HOST',
  'UV_KEYRING_PROVIDER',
  'UV_CONCURRENT_DOWNLOADS',
  'UV_CONCURRENT_BUILDS',
  'UV_CONCURRENT_INSTALLS',
  'UV_OFFLINE'
]

const ALLOWED = new Set([...SYSTEM, ...NETWORK])
// Locale categories (LC_ALL, LC_CTYPE, …) decide how Python decodes file names and output.
const ALLOWED_PREFIXES = ['LC_']

/** Names the `env` input may not set: the step's command files and the runner's own credentials. */
const FORBIDDEN_USER = /^(GITHUB_(OUTPUT|ENV|PATH|STATE|STEP_SUMMARY)|ACTIONS_.*|GITHUB_TOKEN)$/i

export function allowed(name: string): boolean {
  const upper = name.toUpperCase()
  return ALLOWED.has(upper) || ALLOWED_PREFIXES.some(p => upper.startsWith(p))
}

/** The allow-listed part of `base` (names matched case-insensitively, as Windows spells `Path`), keys kept as given. */
export function childBaseEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(base)) if (value !== undefined && allowed(name)) env[name] = value
  return env
}

/** Why the `env` input may not set `name`, or undefined when it may. */
export function forbiddenUserVariable(name: string): string | undefined {
  return FORBIDDEN_USER.test(name)
    ? `${name} is the runner's own (a workflow command file or a credential); the code under test must never see it`
    : undefined
}
