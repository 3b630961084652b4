/** The shape of knowledge/tensorflow.json (validated against knowledge/schema.json by a unit test). */

/** What `tf.keras` is by default: `keras2-unless-keras3` is TF 2.15, which serves Keras 3 if keras 3 is installed. */
export type TfKerasDefault = 'keras2' | 'keras2-unless-keras3' | 'keras3'

export interface TensorflowRelease {
  version: string
  /** Minor series, e.g. "2.15". */
  minor: string
  /** Python minors with a Linux x86-64 wheel of `tensorflow` (from the index). */
  python: string[]
  /** Platform packages that published this version (tensorflow, tensorflow-cpu, tensorflow-intel, ...). */
  packages: string[]
  /** Requires-Dist ranges of interest, from the wheel metadata: keras, numpy, protobuf, ml-dtypes, h5py, tensorboard. */
  requires: Record<string, string>
  /** Where a Python (via markers) gets different requirements than `requires` (the oldest supported Python's). */
  requiresByPython?: Record<string, Record<string, string>>
  source: string
}

export interface TensorflowMinor {
  minor: string
  tfKeras: TfKerasDefault
  /** Whether TF_USE_LEGACY_KERAS exists in this minor (2.15 and later). */
  legacySwitch: boolean
  /** The tf-keras specifier to pair with this minor, or null before tf-keras existed. */
  tfKerasPair: string | null
  /** The numpy major its extensions were built against: numpy 2 breaks a release built for 1 unless capped. */
  numpyAbi: 1 | 2
  sources: string[]
}

/** A rule about a companion package against the TensorFlow in play. */
export interface CompanionRule {
  package: string
  /** Versions of the companion the rule is about (PEP 440 specifier). */
  versions: string
  /** TensorFlow versions these companion versions work with. */
  tensorflow: string
  /** Needs the tf-keras package at import (tfp 0.24+ under Keras 3). */
  needsTfKeras?: boolean
  /** Its Keras layers are Keras 2 layers: they cannot go into a Keras 3 model. */
  keras2Layers?: boolean
  /** Imports pkg_resources, which setuptools 82 removed. */
  importsPkgResources?: boolean
  /** What happens when the TensorFlow is outside the range: error (fails) or warning (only warns). */
  outside: 'error' | 'warning'
  /** Quoted from the package, when it prints one. */
  message?: string
  source: string
}

export interface Knowledge {
  schemaVersion: 1
  updated: string
  sources: Record<string, string>
  tensorflow: { minors: TensorflowMinor[]; releases: TensorflowRelease[] }
  /** tf-keras releases with the TensorFlow range each requires (none for 2.15.x). */
  tfKeras: { version: string; tensorflow: string; source: string }[]
  /** Every released version per package, for "was this ever released?" (any platform, any Python). */
  released: Record<string, string[]>
  companions: CompanionRule[]
  /** Packages whose installation brings tf-keras along (so a missing tf-keras line is not missing). */
  bringsTfKeras: { package: string; versions: string; extra?: string; source: string }[]
}
