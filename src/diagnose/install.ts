import { compare } from '@renovatebot/pep440'
import { INSTALL_TIMEOUT_MS, minutes } from '../core/timeouts.js'
import { type InstallError } from '../install/types.js'
import { type Finding } from '../core/finding.js'
import { type FindingId } from '../core/ids.js'
import { type Locator } from '../requirements/locate.js'
import { nearestVersions, pinnedVersion } from '../versions/nearest.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { pythonUnsupported } from './python-unsupported.js'

const LEAD: Record<
  InstallError['kind'],
  { id: FindingId; title: (pkgs: string) => string; explanation: string; fix: string }
> = {
  'not-found': {
    id: 'version-not-found',
    title: pkgs => `No installable version of ${pkgs}`,
    explanation:
      'The package index has no release of this package that matches the requirement for this Python and platform: ' +
      'the version was never released, or it has no wheel for this interpreter.',
    fix: 'Pin a version the index lists (see the evidence), or use a Python the release supports.'
  },
  conflict: {
    id: 'resolution-conflict',
    title: pkgs => `The requirements cannot all hold at once (${pkgs})`,
    // Said without guessing the cause: ranges that never meet, or a release that needs another Python or platform.
    explanation:
      'The resolver found no set of versions that satisfies every requirement; its own reasoning is below (ranges ' +
      'that never meet, or a release that needs another Python or platform).',
    fix: 'Change the requirement the evidence names so that a version can satisfy every line; the evidence names each side.'
  },
  build: {
    id: 'build-failed',
    title: pkgs => `Building ${pkgs} from source failed`,
    explanation:
      'pip found no wheel for this Python and platform and tried to build the package from its source archive, which ' +
      'failed (usually a missing compiler or header, or a release too old for this Python).',
    fix: 'Pin a release that publishes a wheel for this Python, or use a Python version the package supports.'
  },
  network: {
    id: 'install-infrastructure',
    title: () => 'The package index could not be reached',
    explanation:
      'This is not a conflict in your requirements: the installer could not talk to the package index (network, proxy, ' +
      'index URL or credentials).',
    fix: 'Check the index options in your requirement files and the runner’s network, then re-run the job.'
  },
  disk: {
    id: 'install-infrastructure',
    title: () => 'The disk ran out of space while installing',
    explanation:
      'This is not a conflict in your requirements: the installer could not write the packages because the disk that ' +
      'holds the venv (RUNNER_TEMP) is full. TensorFlow alone takes about 1–2 GB once unpacked.',
    fix: 'Free space on the runner before this step (e.g. remove unused preinstalled toolchains), or point RUNNER_TEMP at a larger disk.'
  },
  killed: {
    id: 'install-infrastructure',
    title: () => 'The installer was stopped before it finished',
    explanation:
      'This is not a conflict in your requirements: the installer was stopped from outside (first line below), by a ' +
      `signal such as the kernel’s out-of-memory killer (SIGKILL) or a cancelled job, or by keras-compat’s ${minutes(INSTALL_TIMEOUT_MS)}-minute ` +
      'limit on the install.',
    fix: 'Re-run the job; if it happens again, use a runner with more memory or check what else runs on it.'
  },
  other: {
    id: 'install-failed',
    title: () => 'Installing the requirements failed',
    explanation: 'The installer stopped with an error that keras-compat does not recognise; its own words are below.',
    fix: 'Read the installer’s message below; fix the requirement it names.'
  }
}

// A connection that opened but never answered: a stalled index or proxy, not an unreachable one.
const TIMED_OUT = /timed out|ReadTimeout/i
const STALLED = 'The package index did not answer in time'

const GPU_BANNER = /The "tensorflow-gpu" package has been deprecated/

export function installFindings(error: InstallError, locator: Locator, files: string[], python = ''): Finding[] {
  if (GPU_BANNER.test(error.excerpt)) {
    return [
      {
        id: 'tensorflow-gpu-deprecated',
        severity: 'error',
        title: 'tensorflow-gpu is deprecated and no longer installs',
        explanation:
          'The installer stopped at the tensorflow-gpu deprecation banner; the regular tensorflow package includes GPU support.',
        fix: 'Replace it with `tensorflow[and-cuda]` (Linux, TensorFlow 2.14+) or `tensorflow`.',
        locations: locator.forPackages(['tensorflow-gpu']),
        evidence: error.excerpt,
        stage: 'install'
      }
    ]
  }
  const unsupported = pythonUnsupported(error, locator, python)
  if (unsupported) return [unsupported]
  const lead = LEAD[error.kind]
  const pkgs = error.packages.length > 0 ? error.packages.join(', ') : 'the requirements'
  const located = locator.forPackages(error.packages)
  return [
    {
      id: lead.id,
      severity: 'error',
      title: error.kind === 'network' && TIMED_OUT.test(error.excerpt) ? STALLED : lead.title(pkgs),
      explanation: lead.explanation,
      fix: notFoundFix(error, locator) ?? lead.fix,
      locations: located.length > 0 ? located : locator.fileOnly(files),
      evidence: error.excerpt
    }
  ]
}

/** For a version that does not exist: name the real releases nearest to the pin. */
function notFoundFix(error: InstallError, locator: Locator): string | undefined {
  const requirement = locator.find(error.packages)
  const available =
    error.availableVersions.length > 0 ? error.availableVersions : (KNOWLEDGE.released[requirement?.key ?? ''] ?? [])
  if (error.kind !== 'not-found' || available.length === 0) return undefined
  const wanted = requirement ? pinnedVersion(requirement.specifier) : ''
  const near = nearestVersions(wanted, available)
  const name = requirement?.name ?? error.packages[0]
  return wanted
    ? `${name} ${wanted} does not exist for this Python; the nearest released versions are ${near.join(', ')}. ` +
        `Pin one of them, e.g. \`${name}==${near.find(v => compare(v, wanted) > 0) ?? near[near.length - 1]}\`.`
    : `Choose a version the index lists; the newest are ${near.join(', ')}.`
}

export function pipCheckFindings(lines: string[], locator: Locator): Finding[] {
  if (lines.length === 0) return []
  const names = lines.map(l =>
    l
      .split(/\s+/)[0]
      .toLowerCase()
      .replace(/[-_.]+/g, '-')
  )
  return [
    {
      id: 'pip-check',
      severity: 'warning',
      title: `pip check reports ${lines.length} broken requirement${lines.length === 1 ? '' : 's'}`,
      explanation:
        'The installed set contains packages whose declared requirements are not met. pip can leave such sets behind ' +
        '(metadata that allows them, or installs done in several steps), and they often fail at import time.',
      fix: 'Pin the packages named below to versions that satisfy each other.',
      locations: locator.forPackages(names),
      evidence: lines.join('\n')
    }
  ]
}
