import { type Offer } from '../../knowledge/ecosystem.js'
import { admits, equalityKey, parseSpecifier, parseVersion, type Parsed } from '../../knowledge/pep440.js'

/** pip (packaging) lets pre-releases in when a clause other than `!=` names one (`>=2.16.0rc0`, `==2.17.*rc1`…). */
export function namesPrerelease(specifier: string): boolean {
  return (parseSpecifier(specifier) ?? []).some(c => c.op !== '!=' && c.version?.isPre === true)
}

/** `==2.15.1` or `===x`, not `==2.15.*`: what PEP 592 calls a pin (a yanked release may then be taken). */
export function isExactPin(specifier: string): boolean {
  return (parseSpecifier(specifier) ?? []).some(c => c.op === '===' || (c.op === '==' && !c.prefix))
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
  private readonly byKey = new Map<string, number[]>()

  constructor(readonly offers: { version: string }[]) {
    this.parsed = offers.map(o => parseVersion(o.version))
    this.parsed.forEach((v, i) => {
      if (!v || v.local) return
      const key = equalityKey(v)
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), i])
    })
  }

  mask(specifier: string): Uint8Array {
    let mask = this.masks.get(specifier)
    if (!mask) {
      mask = this.compute(specifier)
      this.masks.set(specifier, mask)
    }
    return mask
  }

  /**
   * ANDs a specifier into a mask in place. `==V` and `!=V` (the forms a file repeats by the thousand) touch only the
   * matching entries and are not kept: a hostile file's 50,000 exclusions allocate nothing.
   */
  applyTo(target: Uint8Array, specifier: string): void {
    const single = this.single(specifier)
    if (single) {
      const at = this.byKey.get(equalityKey(single.version!)) ?? []
      if (single.op === '!=') for (const i of at) target[i] = 0
      else for (let i = 0; i < target.length; i++) target[i] &= at.includes(i) ? 1 : 0
      return
    }
    const mask = this.mask(specifier)
    for (let i = 0; i < target.length; i++) target[i] &= mask[i]
  }

  /** Whether any offer meets the specifier (without keeping a mask for a one-version specifier). */
  admitsAny(specifier: string): boolean {
    const single = this.single(specifier)
    if (!single) return this.mask(specifier).includes(1)
    const at = this.byKey.get(equalityKey(single.version!))?.length ?? 0
    return single.op === '==' ? at > 0 : this.offers.length > at
  }

  private single(specifier: string) {
    const clauses = parseSpecifier(specifier)
    const only = clauses?.length === 1 ? clauses[0] : undefined
    return only && !only.prefix && only.version && !only.version.local && (only.op === '==' || only.op === '!=')
      ? only
      : undefined
  }

  private compute(specifier: string): Uint8Array {
    const mask = new Uint8Array(this.offers.length)
    const clauses = parseSpecifier(specifier)
    if (!clauses) return mask
    // `==V` and `!=V` (no wildcard) name one version: found by key, not by comparing every release.
    const only = this.single(specifier)
    if (only) {
      const equal = only.op === '=='
      mask.fill(equal ? 0 : 1)
      for (const i of this.byKey.get(equalityKey(only.version!)) ?? []) mask[i] = equal ? 1 : 0
      return mask
    }
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

export function and(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i]
  return out
}
