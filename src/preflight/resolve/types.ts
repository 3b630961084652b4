import { type Offer } from '../../knowledge/ecosystem.js'
import { type Requirement } from '../../requirements/types.js'

/** One requirement on a package inside the resolution: a user's line, or a chosen release's Requires-Dist entry. */
export interface Demand {
  key: string
  specifier: string
  extras: string[]
  /** `-c` lines narrow versions; they do not ask for an install. */
  constraint: boolean
  /** The user's line, for demands from the requirement files. */
  line?: Requirement
  /** The chosen release that asks for it, for transitive demands. */
  by?: { key: string; version: string }
}

/** A release that could not be taken, and why: what it requires clashes with what already stands. */
export interface Cause {
  key: string
  version: string
  /** The package it requires (or its own key when nothing is left of it). */
  dependency: string
  /** What the release requires of that package. */
  specifier: string
  /** The demands already standing on that package. */
  against: Demand[]
  /** The version already chosen for it, when the clash is with that choice. */
  pinned?: string
  /** The user's lines that led to both sides (followed back through the releases that asked). */
  lines: Requirement[]
  /** The demands on the package whose release was tried: what left that release among the candidates. */
  allowedBy: Demand[]
}

/** A package that no release can satisfy: every demand on it, and whether any release exists for the target. */
export interface DeadEnd {
  key: string
  demands: Demand[]
  /** Releases the index has for this Python and platform at all. */
  offered: number
}

export interface ChosenRelease {
  key: string
  version: string
  availability: Offer['availability']
  extras: string[]
  demands: Demand[]
}

export type Resolution =
  | {
      status: 'resolved'
      chosen: Map<string, ChosenRelease>
      /** What the knowledge could not tell, said in explanations (packages it does not cover, unread metadata). */
      assumed: string[]
    }
  | { status: 'conflict'; causes: Cause[]; deadEnds: DeadEnd[]; assumed: string[] }
  /** The search ran past its step budget (hostile input): rules fall back to judging every allowed release. */
  | { status: 'undecided'; assumed: string[] }
