/** Input, output and state names in one place: workflows depend on these spellings. */
export const Inputs = {
  WorkingDirectory: 'working-directory',
  Requirements: 'requirements',
  Python: 'python',
  Env: 'env',
  ExtraPackages: 'extra-packages',
  SmokeImports: 'smoke-imports',
  FailOn: 'fail-on',
  TimeoutMinutes: 'timeout-minutes',
  Extras: 'extras',
  Groups: 'groups',
  PreflightOnly: 'preflight-only',
  Installer: 'installer',
  Cache: 'cache',
  TensorflowVersion: 'tensorflow-version',
  KerasVersion: 'keras-version',
  LegacyKeras: 'legacy-keras',
  TensorflowVersions: 'tensorflow-versions',
  MatrixPass: 'matrix-pass',
  AllowOutsideWorkspace: 'allow-outside-workspace'
} as const

export const Outputs = {
  Status: 'status',
  PythonVersion: 'python-version',
  TensorflowVersion: 'tensorflow-version',
  KerasVersion: 'keras-version',
  TfKeras: 'tf-keras',
  Findings: 'findings',
  Report: 'report',
  CacheHit: 'cache-hit',
  Override: 'override',
  Matrix: 'matrix'
} as const

/** Saved by the main step for the post step, which removes what a killed main step left behind. */
export const State = {
  WorkDir: 'work-dir',
  /** The random token in the work folder's owner file: proof that the folder is this step's own. */
  WorkToken: 'work-token'
} as const

export const Defaults = {
  WorkingDirectory: '.',
  FailOn: 'error',
  TimeoutMinutes: 10
} as const

export const FAIL_ON_LEVELS = ['error', 'warning', 'never'] as const
export type FailOn = (typeof FAIL_ON_LEVELS)[number]

/** Link target for every finding id: one section per id. */
export const FINDINGS_DOC = 'https://github.com/keras-compat/keras-compat/blob/main/docs/findings.md'
