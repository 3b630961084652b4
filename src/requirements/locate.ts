import { repoRelative } from '../util/platform-paths.js'
import { type Requirement } from './types.js'
import { normalizeName } from './names.js'
import { type Edit, type Location } from '../core/finding.js'

/** Turns requirement lines into report locations: repository-relative paths with `/`, whatever the OS. */
export class Locator {
  constructor(
    private readonly requirements: Requirement[],
    private readonly base: string,
    private readonly platform: NodeJS.Platform = process.platform
  ) {}

  relative(file: string): string {
    return repoRelative(this.base, file, this.platform)
  }

  /** Every line that asks for one of these packages (normalised names), requirements before constraints. */
  forPackages(keys: string[]): Location[] {
    const wanted = new Set(keys)
    return this.requirements
      .filter(r => wanted.has(r.key))
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'requirement' ? -1 : 1))
      .map(r => ({ file: this.relative(r.location.file), line: r.location.line }))
  }

  find(keys: string[]): Requirement | undefined {
    return this.requirements.find(r => keys.includes(r.key) && r.kind === 'requirement')
  }

  /** A line edit that sets `name` to `specifier`: the existing line changed, or a new line in the first file. */
  edit(name: string, specifier: string, files: string[]): Edit | undefined {
    const key = normalizeName(name)
    const existing = this.find([key])
    if (existing)
      return {
        file: this.relative(existing.location.file),
        line: existing.location.line,
        before: existing.raw,
        after: `${existing.name}${specifier}`
      }
    const file = files[0] ?? this.requirements[0]?.location.file
    return file ? { file: this.relative(file), before: '', after: `${name}${specifier}` } : undefined
  }

  /** The first requirement file, for findings about the set as a whole. */
  fileOnly(files: string[]): Location[] {
    return files.length > 0 ? [{ file: this.relative(files[0]) }] : []
  }
}
