/**
 * Every finding id keras-compat can report. Ids are a contract: workflows filter on them and docs/findings.md has
 * one section per id (a unit test keeps the two in step). Add, never rename.
 */
export const FINDING_IDS = [
  'parse-error',
  'include-refused',
  'keras-tf-mismatch',
  'tf-keras-mismatch',
  'numpy-range',
  'numpy-abi',
  'protobuf-range',
  'ml-dtypes-range',
  'h5py-range',
  'python-unsupported',
  'tensorflow-gpu-deprecated',
  'companion-incompatible',
  'setuptools-pkg-resources',
  'duplicate-requirement',
  'protobuf-runtime',
  'keras-backend-missing',
  'tensorflow-duplicate',
  'venv-failed',
  'version-not-found',
  'resolution-conflict',
  'build-failed',
  'install-infrastructure',
  'install-failed',
  'pip-check',
  'legacy-keras-missing',
  'import-failed',
  'smoke-failed',
  'keras-mixing',
  'tensorflow-not-installed',
  'crash',
  'timeout',
  'probe-incomplete',
  'job-files-tampered',
  'platform-unsupported',
  'conda-export'
] as const

export type FindingId = (typeof FINDING_IDS)[number]
