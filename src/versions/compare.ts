import { compare } from '@renovatebot/pep440'

// PEP 440 comparison parses both strings on every call, and range checks ask the same few pairs again and again
// (every release of a package against every bound of every line, for every candidate plan). Answers are kept by
// pair; the memo is cleared when full, a bound on memory rather than a policy.
const answers = new Map<string, number>()
const ANSWERS_MAX = 100_000

/** `compare` from @renovatebot/pep440 (negative, zero or positive), remembered per pair of strings. */
export function compareVersions(a: string, b: string): number {
  const key = `${a}\0${b}`
  let answer = answers.get(key)
  if (answer === undefined) {
    answer = compare(a, b)
    if (answers.size >= ANSWERS_MAX) answers.clear()
    answers.set(key, answer)
  }
  return answer
}
