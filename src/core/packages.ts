/** TensorFlow's platform packages and builds: any of these provides `import tensorflow`. */
export const TENSORFLOW_PACKAGES = [
  'tensorflow',
  'tensorflow-cpu',
  'tensorflow-gpu',
  'tensorflow-intel',
  'tensorflow-macos',
  'tensorflow-aarch64',
  'tensorflow-cpu-aws',
  'intel-tensorflow',
  'tf-nightly',
  'tf-nightly-cpu'
]

/** The packages whose installed versions the probe reports: the TensorFlow builds and what decides compatibility. */
export const PROBE_PACKAGES = [
  ...TENSORFLOW_PACKAGES,
  'keras',
  'tf-keras',
  'numpy',
  'protobuf',
  'ml-dtypes',
  'h5py',
  'setuptools',
  'tensorboard',
  'tensorflow-probability',
  'tensorflow-hub',
  'jax',
  'torch'
]

export const LEGACY_KERAS_VALUES = ['1', 'true', 'True']

/** TensorFlow reads TF_USE_LEGACY_KERAS as on only for exactly these spellings. */
export function legacyKerasOn(value: string | undefined | null): boolean {
  return value != null && LEGACY_KERAS_VALUES.includes(value)
}

/** `2.21.0` → `2.21`: tf-keras must share TensorFlow's minor release. */
export function minorOf(version: string): string {
  const m = /^(\d+)\.(\d+)/.exec(version)
  return m ? `${m[1]}.${m[2]}` : version
}
