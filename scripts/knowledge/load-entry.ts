// The loader alone, for scripts/knowledge/load-time.mjs: bundled by ncc the way scripts/bundle.mjs bundles src/.
export { KNOWLEDGE_INDEX } from '../../src/knowledge/index-data.js'
