import table from '../../knowledge/tensorflow.json' with { type: 'json' }
import { type Knowledge } from './types.js'

/** The knowledge table, bundled into dist/ (no file read at run time). */
export const KNOWLEDGE = table as unknown as Knowledge
