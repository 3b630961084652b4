import * as path from 'node:path'

/** The interpreter inside a venv: `Scripts\python.exe` on Windows, `bin/python` elsewhere. */
export function venvPython(venvDir: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32'
    ? path.win32.join(venvDir, 'Scripts', 'python.exe')
    : path.posix.join(venvDir, 'bin', 'python')
}
