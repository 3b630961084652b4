import table from '../../knowledge/platform-only.json' with { type: 'json' }
import { normalizeName } from '../requirements/names.js'
import { type WheelPlatform } from './index-types.js'

export interface PlatformOnlyRule {
  pattern: string
  noWheels: WheelPlatform[]
  /** The marker that keeps the requirement to the platforms with wheels. */
  marker: string
  seen: string
  source: string
  note: string
}

const RULES = (table as { entries: PlatformOnlyRule[] }).entries.map(rule => ({
  rule,
  test: new RegExp(`^${rule.pattern.split('*').map(escape).join('[a-z0-9-]*')}$`)
}))

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')
}

/** The curated platform rule for a package the release history does not cover (the first pattern that matches). */
export function platformOnly(name: string): PlatformOnlyRule | undefined {
  const key = normalizeName(name)
  return RULES.find(r => r.test.test(key))?.rule
}
