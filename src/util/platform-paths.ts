import * as path from 'node:path'

// Every path rule that differs between Windows and POSIX lives here, with the platform as a parameter, so the unit
// tests run the Windows, macOS and Linux forms on any machine.

/** Node's path functions for that platform's paths (`C:\repo` on Windows, `/repo` elsewhere). */
export function pathsFor(platform: NodeJS.Platform = process.platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}

/** Where a venv or a `pip --target`/home install keeps its commands: `Scripts` on Windows, `bin` elsewhere. */
export function scriptsDir(prefix: string, platform: NodeJS.Platform = process.platform): string {
  return pathsFor(platform).join(prefix, platform === 'win32' ? 'Scripts' : 'bin')
}

/** A command's file name: `uv.exe` on Windows, `uv` elsewhere. */
export function executableName(name: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `${name}.exe` : name
}

/** The interpreter inside a venv: `Scripts\python.exe` on Windows, `bin/python` elsewhere. */
export function venvPython(venvDir: string, platform: NodeJS.Platform = process.platform): string {
  return pathsFor(platform).join(scriptsDir(venvDir, platform), executableName('python', platform))
}

/** PATH with `first` in front, joined the platform's way (`;` on Windows). */
export function prependPath(first: string, rest: string | undefined, platform = process.platform): string {
  return [first, rest].filter(Boolean).join(pathsFor(platform).delimiter)
}

/** The entries of a PATH value. */
export function pathEntries(value: string | undefined, platform = process.platform): string[] {
  return (value ?? '').split(pathsFor(platform).delimiter).filter(Boolean)
}

/**
 * A file as annotations and the report name it: relative to the repository, always with `/` (GitHub matches
 * annotation paths against the repository's tree, which uses `/` on every runner).
 */
export function repoRelative(base: string, file: string, platform: NodeJS.Platform = process.platform): string {
  const p = pathsFor(platform)
  const rel = p.relative(base, file) || p.basename(file)
  return rel.split(p.sep).join('/')
}
