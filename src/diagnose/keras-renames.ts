/**
 * Where Keras 2 names went in Keras 3: a name (tensorflow.keras.X is read as keras.X) starting with `prefix` is
 * replaced by `use`. Data, not logic: one row per known move, from the Keras 3 migration notes and the failures
 * users report (see docs/findings.md, code-import-missing).
 */
export interface KerasRename {
  prefix: string
  use: string
}

export const KERAS_RENAMES: KerasRename[] = [
  { prefix: 'keras.optimizers.legacy', use: 'the Keras 3 optimizers (`keras.optimizers.Adam`, `SGD`, ...)' },
  {
    prefix: 'keras.preprocessing.image.ImageDataGenerator',
    use: '`keras.utils.image_dataset_from_directory` with preprocessing layers (`keras.layers.RandomFlip`, `Rescaling`, ...)'
  },
  { prefix: 'keras.preprocessing.text.Tokenizer', use: '`keras.layers.TextVectorization`' },
  { prefix: 'keras.preprocessing.sequence.pad_sequences', use: '`keras.utils.pad_sequences`' },
  { prefix: 'keras.utils.np_utils', use: '`keras.utils.to_categorical`' },
  { prefix: 'keras.utils.generic_utils', use: 'the public `keras.utils` and `keras.saving` functions' },
  {
    prefix: 'keras.layers.experimental.preprocessing',
    use: 'the same layers directly under `keras.layers` (they left `experimental`)'
  },
  { prefix: 'keras.engine', use: 'the public API: `keras.layers.Layer`, `keras.Model`, `keras.layers.InputSpec`' },
  { prefix: 'keras.src.engine', use: 'the public API: `keras.layers.Layer`, `keras.Model`, `keras.layers.InputSpec`' },
  { prefix: 'keras.wrappers.scikit_learn', use: 'the scikeras package (`scikeras.wrappers.KerasClassifier`)' },
  { prefix: 'keras.layers.CuDNNLSTM', use: '`keras.layers.LSTM` (it uses cuDNN when it can)' },
  { prefix: 'keras.layers.CuDNNGRU', use: '`keras.layers.GRU` (it uses cuDNN when it can)' },
  { prefix: 'keras.utils.multi_gpu_model', use: '`tf.distribute.MirroredStrategy`' },
  { prefix: 'keras.backend.get_session', use: 'eager code without sessions (`tf.compat.v1` for graph-mode code)' },
  { prefix: 'keras.backend.set_session', use: 'eager code without sessions (`tf.compat.v1` for graph-mode code)' }
]

/** The rename for a dotted name, if one is known. */
export function renameFor(name: string): KerasRename | undefined {
  const asKeras = name.replace(/^(tensorflow\.keras|tf_keras)(?=\.|$)/, 'keras')
  return KERAS_RENAMES.find(r => asKeras === r.prefix || asKeras.startsWith(`${r.prefix}.`))
}
