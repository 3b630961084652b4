import { Knowledge } from './types.js'

/** The newest TensorFlow minor the table knows for a Python minor (what `latest` installs there). */
export function newestMinor(knowledge: Knowledge, python?: string): string {
  const releases = knowledge.tensorflow.releases.filter(r => !python || r.python.includes(python))
  return (
    releases[releases.length - 1]?.minor ?? knowledge.tensorflow.minors[knowledge.tensorflow.minors.length - 1].minor
  )
}
