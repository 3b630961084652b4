import { isPrerelease, Offer } from '../../knowledge/ecosystem.js'
import { admits, parseSpecifier, parseVersion, Parsed } from './pep440.js'

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/

/** pip (packaging) lets pre-releases in when a clause other than `!=` names one (`>=2.16.0rc0`, `==2.17.*rc1`…). */
export function namesPrerelease(specifier: string): boolean {
  return specifier.split(',').some(clause => {
    const m = CLAUSE.exec(clause)
    return m !== null && m[1] !== '!=' && isPrerelease(m[2].replace(/\.\*$/, ''))
  })
}

/** `==2.15.1` or `===x`, not `==2.15.*`: what PEP 592 calls a pin (a yanked release may then be taken). */
export function isExactPin(specifier: string): boolean {
  return specifier.split(',').some(clause => {
    const m = CLAUSE.exec(clause)
    return m !== null && (m[1] === '===' || (m[1] === '==' && !m[2].endsWith('.*')))
  })
}

/** Whether pip can read the specifier at all; an unreadable one is left out of the resolution (and said so). */
export function readable(specifier: string): boolean {
  return parseSpecifier(specifier) !== undefined
}

/**
 * Which of a package's offered releases each specifier admits, as a byte mask over the offers (oldest first).
 * Pre-releases are admitted here; pip's rule about them applies to the whole set of demands (see pick()). Each
 * distinct specifier is computed once per package, so 50,000 repeated lines cost one.
 */
export class SpecMasks {
  private readonly masks = new Map<string, Uint8Array>()
  private readonly parsed: (Parsed | undefined)[]

  constructor(readonly offers: Offer[]) {
    this.parsed = offers.map(o => parseVersion(o.version))
  }

  mask(specifier: string): Uint8Array {
    let mask = this.masks.get(specifier)
    if (!mask) {
      mask = this.compute(specifier)
      this.masks.set(specifier, mask)
    }
    return mask
  }

  private compute(specifier: string): Uint8Array {
    const mask = new Uint8Array(this.offers.length)
    const clauses = parseSpecifier(specifier)
    if (!clauses) return mask
    this.offers.forEach((o, i) => {
      const v = this.parsed[i]
      mask[i] = v && clauses.every(c => admits(c, v, o.version)) ? 1 : 0
    })
    return mask
  }
}

/** What the demands on a package jointly say, kept up to date as demands come and go. */
export interface Joint {
  mask: Uint8Array
  /** Demands that name a pre-release (pip then lets pre-releases in). */
  namingPre: number
  /** Demands that pin one version (a yanked release may then be taken). */
  exact: number
}

/**
 * The releases pip would consider, newest first: those every demand admits; pre-releases only when a demand names
 * one or no final release is left (packaging's SpecifierSet.filter); yanked ones only when every remaining
 * release is yanked and a demand pins one version (PEP 592, as pip applies it).
 */
export function pick(offers: Offer[], joint: Joint): Offer[] {
  const admitted: Offer[] = []
  for (let i = offers.length - 1; i >= 0; i--) if (joint.mask[i]) admitted.push(offers[i])
  const finals = admitted.filter(o => !o.pre)
  const allowed = joint.namingPre > 0 || finals.length === 0 ? admitted : finals
  const unyanked = allowed.filter(o => !o.yanked)
  return unyanked.length > 0 || joint.exact === 0 ? unyanked : allowed
}
