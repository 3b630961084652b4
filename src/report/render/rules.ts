import { type Severity } from '../../core/finding.js'
import { type FindingId } from '../../core/ids.js'

/** How code scanning describes a finding id: one rule each, with its usual level (a finding may carry another). */
export interface RuleText {
  short: string
  full: string
  level: Severity
}

// One line and a few sentences per id, said as docs/findings.md says it at more length (a unit test holds each level
// to the severity that section names first). Partial on purpose: an id added without a row still gets a rule.
export const RULE_TEXT: Partial<Record<FindingId, RuleText>> = {
  'parse-error': {
    short: 'pip would reject this requirement line',
    full: 'A line pip would reject: several requirements on one line, an unknown comparison or option, an invalid marker, an include of itself, or bytes pip cannot decode. The rest of the file is still read.',
    level: 'error'
  },
  'platform-unsupported': {
    short: 'A package with no wheel for this platform',
    full: 'A requirement for a package that has no wheel (and no source archive) for this platform at all, with no marker that keeps it off: tensorflow-metal and tensorflow-macos (macOS arm64), tensorflow-intel (Windows), tensorflow-io-gcs-filesystem after 0.31 (no Windows), nvidia-*-cu12 (no macOS). Typical of a pip freeze taken on another machine.',
    level: 'error'
  },
  'conda-export': {
    short: 'A conda environment saved as a pip requirements file',
    full: 'The file is conda output (conda list --export, conda env export, or the conda list table), which pip rejects line by line. One finding stands for the whole file; create a pip file with pip list --format=freeze in that environment.',
    level: 'error'
  },
  'model-savedmodel-keras3': {
    short: 'A Keras 2 SavedModel that Keras 3 cannot load',
    full: 'A SavedModel written by Keras 2 (model.save("dir"), a folder with saved_model.pb and keras_metadata.pb) that Keras 3\'s load_model refuses: ValueError: File format not supported: filepath=\u2026 Keras 3 only supports V3 .keras files and legacy H5 format files. The probe also tries keras.layers.TFSMLayer(path, call_endpoint="serving_default") and says whether it reads the folder.',
    level: 'error'
  },
  'model-keras-version': {
    short: 'A model file written by the other Keras major',
    full: "A .keras or .h5 file written by one Keras major that the other cannot deserialize: a Keras 2 file under Keras 3 (TypeError: Could not deserialize class 'Functional' because its parent module keras.src.engine.functional cannot be imported), or a Keras 3 file under Keras 2 (Unrecognized keyword arguments: ['batch_shape', \u2026]).",
    level: 'error'
  },
  'model-load-failed': {
    short: 'A model file no Keras in play can load',
    full: "No Keras in play read the file, for another reason than the two above: a custom layer that is not registered, a truncated file, a .keras file that is not a zip archive. The evidence gives each loader's error. Fix: follow the error (register custom objects, or import the module that does); a Git LFS pointer is never loaded (it is logged instead: check out with lfs: true).",
    level: 'error'
  },
  'code-import-missing': {
    short: 'The code uses a Keras or TensorFlow name the installed version lacks',
    full: "The repository's Python code uses a name rooted at keras, tensorflow.keras/tf.keras, tf_keras, tensorflow_hub or tensorflow_probability that the installed packages do not give it: missing (from keras.preprocessing.image import ImageDataGenerator under Keras 3), kept only as a stub that raises when used (Keras 3's tf.keras.optimizers.legacy.Adam), failing when imported, or a package that is not ins.",
    level: 'error'
  },
  'smoke-command-failed': {
    short: "The repository's own smoke command failed",
    full: "The evidence is the end of its output. The output is read by the same failure signatures as the probe's, so a KerasTensor or legacy-optimizer failure in your own test also gets its own finding with the fix. A command that passes changes nothing.",
    level: 'error'
  },
  'keras-legacy-optimizer': {
    short: 'Legacy optimizers are not supported in Keras 3',
    full: 'optimizers.legacy is not supported in Keras 3: code or a library (often at its import) uses tf.keras.optimizers.legacy.* under Keras 3. Fix: the Keras 3 optimizers (keras.optimizers.Adam, \u2026), or keep Keras 2 with tf-keras~=X.Y.0 and TF_USE_LEGACY_KERAS=1.',
    level: 'error'
  },
  'keras-tensor-in-tf-function': {
    short: 'A KerasTensor passed to a TensorFlow function',
    full: '* function was applied to a Keras 3 symbolic input while building a functional model. Fix: wrap the call in a keras.layers.Layer subclass or use keras.ops; or keep Keras 2 (tf-keras + TF_USE_LEGACY_KERAS=1).',
    level: 'error'
  },
  'keras-private-module': {
    short: "Code or a model needs Keras 2's private modules",
    full: "src', 'keras.engine' or 'keras.src.engine': code, a library or a pickled/joblib model refers to Keras's private modules, which moved (keras.src exists only from Keras 2.13; keras.engine and keras.src.engine are gone in Keras 3). Fix: the public API (keras.layers.Layer, keras.Model), re-created pickles, or the Keras the code or file was made for (tf-keras + TF_USE_LEGACY_KERAS=1).",
    level: 'error'
  },
  'transformers-keras3': {
    short: "transformers' TensorFlow models refuse Keras 3",
    full: 'Fix: add tf-keras~=X.Y.0 (transformers turns TF_USE_LEGACY_KERAS on itself); transformers 5 and later have no TensorFlow models at all (transformers<5).',
    level: 'error'
  },
  'keras3-conversion': {
    short: 'A converter calls Keras 2 internals on a Keras 3 model',
    full: 'from_keras_model on TensorFlow 2.16-2.18, tf2onnx.convert.from_keras) called a Keras 2 internal on a Keras 3 model. Fix: model.export(path) then tf.lite.TFLiteConverter.from_saved_model(path), or keep Keras 2 (tf-keras + TF_USE_LEGACY_KERAS=1).',
    level: 'error'
  },
  'tensorflow-dll-load': {
    short: "TensorFlow's DLL failed to load on Windows",
    full: "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: TensorFlow's native library or one it needs did not load. Fix: install the latest Microsoft Visual C++ Redistributable (x64), use 64-bit Python and a CPU with AVX; native Windows has no GPU build after TensorFlow 2.10 (use WSL2).",
    level: 'error'
  },
  'tensorflow-metal-plugin': {
    short: 'tensorflow-metal does not match this TensorFlow',
    full: 'libmetal_plugin.dylib fails to load with Symbol not found: the installed tensorflow-metal was built against another TensorFlow release. Fix: the tensorflow-metal release made for your TensorFlow, or remove tensorflow-metal to run on the CPU.',
    level: 'error'
  },
  'include-refused': {
    short: 'An -r/-c include was not read',
    full: 'An include that does not exist, leads outside the repository, is not a regular file or is too large was not read, so the requirements cannot be judged as a whole.',
    level: 'error'
  },
  'keras-tf-mismatch': {
    short: 'The keras pin and the TensorFlow pin cannot hold together',
    full: 'TensorFlow 2.15 and earlier require Keras 2 (keras<2.16); TensorFlow 2.16 and later require Keras 3. The keras pin and the TensorFlow pin exclude each other.',
    level: 'error'
  },
  'tf-keras-mismatch': {
    short: "tf-keras is not from TensorFlow's own minor release",
    full: 'tf-keras 2.16 and later require exactly their TensorFlow minor; a newer tf-keras fails at import.',
    level: 'error'
  },
  'numpy-range': {
    short: "The numpy pin is outside TensorFlow's numpy range",
    full: 'No TensorFlow release the pins allow accepts the pinned numpy.',
    level: 'error'
  },
  'numpy-abi': {
    short: 'TensorFlow built for numpy 1 meets numpy 2',
    full: 'TensorFlow 2.10, 2.11 and 2.14 were built against numpy 1 without capping it, so numpy 2 installs and import tensorflow fails.',
    level: 'error'
  },
  'protobuf-range': {
    short: "The protobuf pin is outside TensorFlow's range",
    full: 'Old TensorFlow needs an old protobuf, TensorFlow 2.21 a new one; the pin excludes what TensorFlow requires.',
    level: 'error'
  },
  'ml-dtypes-range': {
    short: "The ml-dtypes pin is outside TensorFlow's range",
    full: 'TensorFlow pins ml-dtypes tightly; a skew fails at import.',
    level: 'error'
  },
  'h5py-range': {
    short: "The h5py pin is outside TensorFlow's range",
    full: 'TensorFlow 2.16 and later need h5py 3.10 or newer, and 2.21 below 3.15.',
    level: 'error'
  },
  'python-unsupported': {
    short: "The pinned release has no wheel for this run's Python",
    full: 'The release exists, but not for this Python: the installer cannot find a version that satisfies the requirement.',
    level: 'error'
  },
  'tensorflow-gpu-deprecated': {
    short: 'tensorflow-gpu is a deprecation stub',
    full: 'tensorflow-gpu has failed to install since December 2022; tensorflow (or tensorflow[and-cuda]) replaces it.',
    level: 'error'
  },
  'companion-incompatible': {
    short: 'A TensorFlow companion package does not fit the TensorFlow or Keras in play',
    full: 'tensorflow-probability, tensorflow-hub, tensorflow-addons or tensorflow-io refuses the TensorFlow in play, or needs tf-keras that nothing installs.',
    level: 'error'
  },
  'setuptools-pkg-resources': {
    short: 'setuptools 82 removed pkg_resources, which a package here imports',
    full: 'tensorflow-hub 0.16 and tensorboard 2.20 and earlier import pkg_resources, which setuptools 82 no longer has.',
    level: 'error'
  },
  'duplicate-requirement': {
    short: 'The same package is required twice with ranges that cannot both hold',
    full: 'One package appears twice (in one file, across includes, or as a constraint) and no version satisfies both lines.',
    level: 'error'
  },
  'protobuf-runtime': {
    short: 'The protobuf runtime does not match TensorFlow',
    full: 'At import, protobuf is too new for an old TensorFlow or too old for a new one.',
    level: 'error'
  },
  'keras-backend-missing': {
    short: 'Keras 3 could not load its backend',
    full: 'The backend KERAS_BACKEND or keras.json names could not be imported.',
    level: 'error'
  },
  'tensorflow-duplicate': {
    short: 'Two TensorFlow distributions are installed in one environment',
    full: 'Both install the tensorflow module, so their files overwrite each other; usually tf-keras pulling tensorflow beside tensorflow-cpu.',
    level: 'error'
  },
  'venv-failed': {
    short: 'The virtual environment could not be created',
    full: 'The interpreter named in python is missing or has no venv module.',
    level: 'error'
  },
  'version-not-found': {
    short: 'No release matches the pin',
    full: 'The index has no release that matches the pin for this Python and platform; the finding names the nearest released versions.',
    level: 'error'
  },
  'resolution-conflict': {
    short: 'The requirements cannot all hold at once',
    full: "The installer's resolver found no set of versions that satisfies every requirement; every line involved is named.",
    level: 'error'
  },
  'build-failed': {
    short: 'No wheel, and building from source failed',
    full: 'No wheel exists for this Python and platform, and the source build failed.',
    level: 'error'
  },
  'install-infrastructure': {
    short: 'The install failed for a reason outside the requirements',
    full: 'The index could not be reached or stalled, the disk filled up, or the installer was stopped: not a conflict.',
    level: 'error'
  },
  'install-failed': {
    short: 'The install failed',
    full: 'The installer failed in a way keras-compat does not recognise; the finding quotes its words.',
    level: 'error'
  },
  'pip-check': {
    short: 'Installed packages do not satisfy each other',
    full: 'pip check found installed packages whose declared requirements are not met; such sets often break at import.',
    level: 'warning'
  },
  'legacy-keras-missing': {
    short: 'TF_USE_LEGACY_KERAS is set but tf-keras is not installed',
    full: 'tf.keras then raises ImportError, while from tensorflow.keras import layers silently gives Keras 3.',
    level: 'error'
  },
  'import-failed': {
    short: 'An import failed',
    full: 'import tensorflow, tf.keras, import keras or one of the smoke imports raised.',
    level: 'error'
  },
  'smoke-failed': {
    short: 'A model could not be built, trained or saved',
    full: 'A two-layer model could not be built and compiled, trained for one batch, or saved and loaded back, through tf.keras or keras.',
    level: 'error'
  },
  'keras-mixing': {
    short: 'Keras 2 and Keras 3 objects are mixed',
    full: 'A Keras 2 object went into a Keras 3 model or the other way round; tf.keras and keras are different implementations here.',
    level: 'error'
  },
  'tensorflow-not-installed': {
    short: 'TensorFlow was not installed',
    full: 'Neither TensorFlow nor Keras, or only standalone Keras, came with these requirements.',
    level: 'error'
  },
  crash: {
    short: 'Python died by a signal during the smoke test',
    full: 'SIGILL: the CPU lacks an instruction the wheel needs; SIGSEGV: native extensions built for other versions.',
    level: 'error'
  },
  timeout: {
    short: 'The smoke test did not finish in time',
    full: 'The smoke test ran past timeout-minutes; the finding names the step that was running.',
    level: 'error'
  },
  'probe-incomplete': {
    short: 'The smoke test ended without evidence for every step',
    full: 'No closing record, a step without a record, or records that are not of this run: nothing it reported counts as a pass.',
    level: 'error'
  },
  'job-files-tampered': {
    short: "The code under test wrote into the step's workflow command files",
    full: 'Something that ran during the check wrote into GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STATE or GITHUB_STEP_SUMMARY; keras-compat put them back.',
    level: 'error'
  }
}

/** The rule text of an id; an id without a row (added since) gets a plain one. */
export function ruleText(id: FindingId): RuleText {
  return (
    RULE_TEXT[id] ?? {
      short: `keras-compat finding ${id}`,
      full: `See the ${id} section of the findings documentation.`,
      level: 'error'
    }
  )
}
