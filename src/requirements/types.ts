/** Where a requirement came from: the file, its 1-based line, and the files that included it (outermost first). */
export interface SourceLocation {
  file: string
  line: number
  chain: string[]
}

export interface Requirement {
  /** As written, e.g. `TensorFlow_CPU`. */
  name: string
  /** PEP 503 normalised: lowercase, runs of `-_.` become `-`. Compare names only through this. */
  key: string
  extras: string[]
  /** PEP 440 specifier as written (`==2.15.*`, `>=3,<4`), empty when unpinned. */
  specifier: string
  marker: string
  /** Direct reference (URL, path, VCS) when the line is not a plain name, as written: `${VAR}` never expanded. */
  url: string
  editable: boolean
  /** `-c` files constrain versions but do not ask for an install. */
  kind: 'requirement' | 'constraint'
  /** The requirement as the user wrote it (unexpanded): what is displayed and what an edit replaces. */
  raw: string
  location: SourceLocation
}

/**
 * A line pip would reject (`syntax`: a `parse-error` finding), or an include keras-compat refused or could not read
 * (`include`: an `include-refused` finding), at the including line; or a whole file that is a conda environment
 * export (`conda-export`: one problem for the file instead of one per line). Messages never show expanded `${VAR}`
 * values.
 */
export interface ParseProblem {
  kind: 'syntax' | 'include' | 'conda-export'
  message: string
  location: SourceLocation
}

/** An extra of a pyproject project that was not selected, and the requirements it would add. */
export interface OptionalGroup {
  extra: string
  requirements: Requirement[]
}

export interface RequirementSet {
  /** Top-level requirement files (absolute) as pip will be given them. */
  files: string[]
  /** Every requirement file read (top-level and included, absolute, as pip names them), each once. */
  sources: string[]
  /** Set when the requirements come from a project (pyproject.toml) that is installed as a project. */
  projectDir: string
  /** Extras to install the project with (`pip install DIR[a,b]`). */
  projectExtras: string[]
  /** Requirements of the chosen dependency groups: pip installs groups only from 25.1, so they are passed as specifiers. */
  groupRequirements: string[]
  requirements: Requirement[]
  /**
   * The lines that carry an installer option other than an include or an editable: option lines (`--index-url …`)
   * and requirement lines with options of their own (`--hash=…`), as written, in order.
   */
  options: string[]
  problems: ParseProblem[]
  /** A pyproject project's extras that were not selected (judged beside the set, never installed). */
  optional?: OptionalGroup[]
}
