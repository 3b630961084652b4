import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { Log } from '../log.js'

/**
 * The runner log. Each stage is a collapsed group, and everything inside it runs with workflow commands
 * stopped under a random token, so a package that prints `::error::` or `::add-mask::` changes nothing.
 */
export function actionLog(): Log {
  return {
    async stage(title, fn, isOk = () => true) {
      const started = Date.now()
      core.startGroup(title)
      const token = randomBytes(16).toString('hex')
      process.stdout.write(`::stop-commands::${token}\n`)
      let ok = false
      try {
        const value = await fn()
        ok = isOk(value)
        return value
      } finally {
        process.stdout.write(`\n::${token}::\n`)
        core.info(`${ok ? 'done' : 'failed'}: ${title} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
        core.endGroup()
      }
    },
    info: message => core.info(message),
    untrusted: text => {
      process.stdout.write(text)
    }
  }
}
