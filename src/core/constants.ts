/** Output and state names and the inputs' choices in one place: workflows depend on these spellings. */
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
  Matrix: 'matrix',
  /** Path of the fix plan as a unified diff (`git apply`), '' when there is none. */
  FixPatch: 'fix-patch',
  /** Path of the SARIF 2.1.0 file for code scanning. */
  Sarif: 'sarif',
  /** JSON list of the TensorFlow minors worth a job each (newest first), for a workflow's strategy.matrix. */
  TensorflowMatrix: 'tensorflow-matrix'
} as const

/** Saved by the main step for the post step, which removes what a killed main step left behind. */
export const State = {
  WorkDir: 'work-dir',
  /** The random token in the work folder's owner file: proof that the folder is this step's own. */
  WorkToken: 'work-token'
} as const

export const FAIL_ON_LEVELS = ['error', 'warning', 'never'] as const
export type FailOn = (typeof FAIL_ON_LEVELS)[number]

/** `all`: a matrix passes only if every version passes; `any`: if one does. */
export const MATRIX_PASS_CHOICES = ['all', 'any'] as const
export type MatrixPass = (typeof MATRIX_PASS_CHOICES)[number]

export const CACHE_CHOICES = ['auto', 'true', 'false'] as const
export type CacheChoice = (typeof CACHE_CHOICES)[number]

/** How the fix plan is proven: a fresh venv with the smoke test, a dry-run resolution, or not at all. */
export const VERIFY_FIX_CHOICES = ['install', 'resolve', 'none'] as const
export type VerifyFix = (typeof VERIFY_FIX_CHOICES)[number]

/** When the pull-request comment is posted: `on-failure` also updates an earlier comment once the run passes. */
export const COMMENT_CHOICES = ['never', 'on-failure', 'always'] as const
export type CommentChoice = (typeof COMMENT_CHOICES)[number]

/** Where the config file is looked for when the `config-file` input is left at its default. */
export const DEFAULT_CONFIG_FILE = '.github/keras-compat.yml'

export const INSTALLER_CHOICES = ['auto', 'uv', 'pip'] as const
export type InstallerChoice = (typeof INSTALLER_CHOICES)[number]

/** Link target for every finding id: one section per id. */
export const FINDINGS_DOC = 'https://github.com/keras-compat/keras-compat/blob/main/docs/findings.md'
