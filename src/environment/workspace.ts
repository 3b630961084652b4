import { ConfigError } from '../core/errors.js'
import { createHash, randomBytes } from 'node:crypto'
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { errorMessage } from '../core/errors.js'
import { removeTree } from '../util/remove-tree.js'

/** The throwaway folder of one run: the venv, Keras's home and the probe's results all live inside it. */
export interface WorkDir {
  root: string
  venv: string
  kerasHome: string
  /** TMPDIR of everything the run starts: what the code under test writes there goes with the folder. */
  temp: string
  /** Written into the folder's owner file: the post step removes only a folder that holds it. */
  token: string
  /** The stable name the folder got, or undefined when it is a random one (its name taken by another run). */
  stableName?: string
}

/** The file that marks a folder as one keras-compat made, holding the run's random token. */
export const OWNER_FILE = '.keras-compat-owner'
const PREFIX = 'keras-compat-'

/**
 * Creates the work folder under RUNNER_TEMP (or the OS temp dir outside Actions), never inside the repository.
 * With a `stableName`, the same requirements get the same venv path run after run, so the bytecode Python caches
 * under that path (PYTHONPYCACHEPREFIX) is found again; if that folder is in use, a fresh random one is taken.
 */
export function createWorkDir(tempRoot: string = process.env.RUNNER_TEMP || os.tmpdir(), stableName = ''): WorkDir {
  try {
    mkdirSync(tempRoot, { recursive: true })
    accessSync(tempRoot, constants.W_OK)
  } catch (error) {
    throw new ConfigError(
      `The temporary folder ${tempRoot} (RUNNER_TEMP, or the OS temp dir) cannot be written: ${errorMessage(error)}. ` +
        'keras-compat makes its throwaway venv there; point RUNNER_TEMP (CLI: TMPDIR) at a writable folder.'
    )
  }
  const stable = claim(path.join(tempRoot, `${PREFIX}${stableName}`), stableName)
  const root = stable ?? mkdtempSync(path.join(tempRoot, PREFIX))
  const token = randomBytes(16).toString('hex')
  writeFileSync(path.join(root, OWNER_FILE), token)
  const kerasHome = path.join(root, 'keras-home')
  const temp = path.join(root, 'tmp')
  mkdirSync(kerasHome)
  mkdirSync(temp)
  return { root, venv: path.join(root, 'venv'), kerasHome, temp, token, stableName: stable ? stableName : undefined }
}

function claim(dir: string, stableName: string): string | undefined {
  if (!stableName) return undefined
  try {
    mkdirSync(dir)
    return dir
  } catch {
    return undefined
  }
}

/** Whether a folder's name is one keras-compat gives its work folders (the CLI's trash folders included). */
export function isWorkDirName(name: string): boolean {
  return name.startsWith(PREFIX)
}

/** Removes the work folder. Safe to call twice, and refuses anything that is not one of ours. */
export function removeWorkDir(root: string): void {
  if (!root || !path.isAbsolute(root) || !isWorkDirName(path.basename(root))) return
  removeTree(root)
}

/**
 * Whether `dir` is a work folder this run's main step made: an absolute path directly under `tempRoot`, named
 * keras-compat-*, a real folder (not a link), holding the owner file with `token`. The post step acts on nothing else.
 */
export function ownedWorkDir(dir: string, token: string, tempRoot: string): boolean {
  if (!dir || !token || !tempRoot || !path.isAbsolute(dir) || !path.isAbsolute(tempRoot)) return false
  if (path.dirname(dir) !== path.resolve(tempRoot) || !path.basename(dir).startsWith(PREFIX)) return false
  if (path.resolve(dir) !== dir) return false
  try {
    if (!lstatSync(dir).isDirectory()) return false
    const owner = path.join(dir, OWNER_FILE)
    return lstatSync(owner).isFile() && readFileSync(owner, 'utf8') === token
  } catch {
    return false
  }
}

/** What decides an environment: the interpreter, every requirement file's content, and what is added to them. */
export interface EnvironmentIdentity {
  pythonVersion: string
  python: string
  /** Every requirement file read (includes too). */
  files: string[]
  extraPackages: string[]
  extras: string[]
  groups: string[]
  projectDir: string
  /** Where the folder is made: the name then stands for one venv path, so its bytecode tree mirrors only that path. */
  tempRoot: string
}

/** Same interpreter, requirements and additions → same venv path (so the bytecode cached under it applies). */
export function stableName(id: EnvironmentIdentity): string {
  const hash = createHash('sha256').update(id.pythonVersion).update(id.python)
  for (const file of new Set(id.files)) hash.update(file).update(existsSync(file) ? readFileSync(file) : '')
  hash.update(JSON.stringify([id.extraPackages, id.extras, id.groups, id.projectDir, path.resolve(id.tempRoot)]))
  return hash.digest('hex').slice(0, 12)
}
