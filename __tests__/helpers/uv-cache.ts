// A uv cache laid out as uv lays it out where keras-compat looks: CACHEDIR.TAG, archive-v0/<id>/<wheel contents>.
import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { scratchDir } from './scratch.js'

/** A uv cache with one archive folder per entry: its id and the dist-info folders (and files) it holds. */
export function fakeUvCache(archives: Record<string, string[]>, tagged = true): string {
  const dir = scratchDir('uv-archives')
  mkdirSync(path.join(dir, 'archive-v0'), { recursive: true })
  if (tagged) writeFileSync(path.join(dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n')
  for (const [id, names] of Object.entries(archives)) {
    const root = path.join(dir, 'archive-v0', id)
    mkdirSync(root)
    for (const name of names) {
      if (name.endsWith('.dist-info')) mkdirSync(path.join(root, name))
      else writeFileSync(path.join(root, name), '# module\n')
    }
  }
  return dir
}
