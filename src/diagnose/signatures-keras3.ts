import { legacyKerasFix, type Signature } from './signature-types.js'

/**
 * What Keras 2 code and files meet under Keras 3 (TensorFlow 2.16 and later), as the libraries word it. Quoted
 * exactly: these are the texts users paste (see docs/findings.md).
 */
export const KERAS3_SIGNATURES: Signature[] = [
  {
    id: 'model-savedmodel-keras3',
    pattern: /File format not supported: filepath=[\s\S]{0,400}?Keras 3 only supports V3 `?\.keras`? files/,
    title: "Keras 3's load_model does not read SavedModel folders",
    explanation:
      'Keras 3 loads only `.keras` archives and legacy `.h5` files ("File format not supported ... Keras 3 only supports V3 `.keras` files"); a SavedModel written by Keras 2 (`model.save("dir")`) cannot go through `load_model()` any more.',
    fix: ctx =>
      legacyKerasFix(
        ctx,
        'for inference under Keras 3, wrap the folder in a layer: `keras.layers.TFSMLayer(path, call_endpoint="serving_default")`.'
      )
  },
  {
    id: 'model-keras-version',
    pattern:
      /parent module keras\.src\.(?:engine|models)\.[\w.]+ cannot be imported|Unrecognized keyword arguments:? \[?'batch_shape'|Unrecognized keyword arguments passed to \w+: \{'groups'/,
    title: 'A model file written by one Keras major cannot be read by the other',
    explanation:
      'Model configurations changed between Keras 2 and Keras 3 (module paths such as keras.src.engine.functional, keyword arguments such as batch_shape): a file saved by one major version often cannot be deserialized by the other.',
    fix: ctx =>
      legacyKerasFix(
        ctx,
        're-save the model with the Keras that wrote it as weights (`model.save_weights`), rebuild the architecture in code and load the weights.'
      )
  },
  {
    id: 'keras-legacy-optimizer',
    pattern: /`?keras\.optimizers\.legacy`? is not supported in Keras 3/,
    title: 'The legacy optimizers are gone in Keras 3',
    explanation:
      '`tf.keras.optimizers.legacy.*` (Keras 2) exist under Keras 3 only as names that raise ImportError when used; libraries that import them fail at import time.',
    fix: ctx =>
      legacyKerasFix(ctx, 'use the Keras 3 optimizers (`keras.optimizers.Adam`, ...), which replace the legacy ones.')
  },
  {
    id: 'keras-tensor-in-tf-function',
    pattern: /A KerasTensor cannot be used as input to a TensorFlow function/,
    title: 'A TensorFlow function was applied to a Keras 3 symbolic tensor',
    explanation:
      'In a Keras 3 functional model, `keras.Input` gives a KerasTensor, a placeholder that raw `tf.*` functions refuse; Keras 2 accepted them.',
    fix: ctx =>
      legacyKerasFix(
        ctx,
        'wrap the `tf.*` call in a layer (a `keras.layers.Layer` subclass whose `call` does it) or use `keras.ops`.'
      )
  },
  {
    id: 'keras3-conversion',
    pattern: /object has no attribute '_get_save_spec'/,
    title: 'A converter called a Keras 2 internal on a Keras 3 model',
    explanation:
      'TFLiteConverter.from_keras_model (TensorFlow 2.16-2.18) and tf2onnx.convert.from_keras call `_get_save_spec`, which Keras 3 models do not have.',
    fix: ctx =>
      legacyKerasFix(
        ctx,
        'export the model first (`model.export(path)`) and convert the SavedModel (`tf.lite.TFLiteConverter.from_saved_model(path)`).'
      )
  },
  {
    id: 'transformers-keras3',
    pattern: /installed version of Keras is Keras 3, but this is not yet supported in Transformers/,
    title: "transformers' TensorFlow models need Keras 2 (tf-keras)",
    explanation:
      "transformers' TensorFlow classes are built on Keras 2 and refuse Keras 3; from transformers 5 on they are gone altogether.",
    fix: ctx => {
      const legacy = legacyKerasFix(ctx, 'pin `transformers<5`, whose TensorFlow classes still exist.')
      return legacy.requirement
        ? { ...legacy, text: `${legacy.text} transformers itself turns TF_USE_LEGACY_KERAS on when tf-keras is there.` }
        : legacy
    }
  },
  {
    id: 'keras-private-module',
    pattern: /No module named '(?:keras\.src|keras\.engine|keras\.src\.engine)(?:\.[\w.]+)?'/,
    title: "Code or a pickled object uses Keras's private modules, which moved",
    explanation:
      "Keras's internals moved twice: `keras.src` exists only from Keras 2.13 on, and `keras.engine` / `keras.src.engine` are gone in Keras 3. Libraries that import them, and pickles or joblib files that refer to them, fail with another Keras than the one they were made with.",
    fix: ctx =>
      legacyKerasFix(
        ctx,
        'use the public API (`keras.layers.Layer`, `keras.Model`) instead of private modules, and re-create pickled models with the Keras in use.'
      )
  }
]
