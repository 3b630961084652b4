/**
 * Path patterns of the `models` input, matched against `/`-separated paths relative to the working directory:
 * `*` is any run of characters within one folder name, `?` one such character, `**` any number of whole folders
 * (none included). Everything else is literal, so a plain path matches only itself.
 */
export function globToRegExp(pattern: string): RegExp {
  const parts = pattern.split('/').filter(p => p !== '' && p !== '.')
  let source = ''
  parts.forEach((part, i) => {
    const last = i === parts.length - 1
    if (part === '**') {
      source += last ? '.*' : '(?:[^/]+/)*'
      return
    }
    source += part
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')
    if (!last) source += '/'
  })
  return new RegExp(`^${source}$`)
}

/** Whether `rel` (a `/`-separated relative path) matches any of the patterns. */
export function matchesAny(rel: string, patterns: RegExp[]): boolean {
  return patterns.some(p => p.test(rel))
}
