import { compare } from '@renovatebot/pep440'
import { contains, parseRange } from '../versions/range.js'
import { type CompanionRule, type Knowledge } from './types.js'

/** The newest TensorFlow minor the table knows for a Python minor (what `latest` installs there). */
export function newestMinor(knowledge: Knowledge, python?: string): string {
  const releases = knowledge.tensorflow.releases.filter(r => !python || r.python.includes(python))
  return (
    releases[releases.length - 1]?.minor ?? knowledge.tensorflow.minors[knowledge.tensorflow.minors.length - 1].minor
  )
}

/**
 * The companion release range made for a TensorFlow version: of the rules whose TensorFlow range holds it, the one
 * with the newest companion releases. Undefined when the table knows none (e.g. tensorflow-io after 2.16).
 */
export function companionFor(knowledge: Knowledge, pkg: string, tensorflow: string): CompanionRule | undefined {
  const fitting = knowledge.companions.filter(c => {
    const range = parseRange(c.tensorflow)
    return c.package === pkg && range !== undefined && contains(range, tensorflow)
  })
  return fitting.sort((a, b) => compare(lowest(b.versions), lowest(a.versions)))[0]
}

/** The lowest version a specifier's lower bound names ('0' when it has none). */
function lowest(specifier: string): string {
  return /(?:>=|==|~=)\s*([\d.]+)/.exec(specifier)?.[1] ?? '0'
}

/** "0.23 for 2.15, 0.24 for 2.16…" — each companion range with the TensorFlow it needs, for fix texts. */
export function companionPairs(knowledge: Knowledge, pkg: string): string {
  return knowledge.companions
    .filter(c => c.package === pkg && c.outside === 'error')
    .map(c => `${c.versions} for TensorFlow ${c.tensorflow}`)
    .join('; ')
}
