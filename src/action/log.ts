import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { type Log } from '../core/log.js'
import { type Redact } from '../report/redact.js'

// A stage's output is held until it ends so that its group title can carry its time; bounded like process output.
const MAX_BUFFER = 4 * 1024 * 1024

/**
 * The runner log. Each stage prints a start line, then, when it ends, one collapsed group titled with its time
 * ("install — 3.2 s"). Everything inside the group runs with workflow commands stopped under a random token, so a
 * package that prints `::error::` or `::add-mask::` changes nothing.
 */
export function actionLog(redact: Redact = text => text): Log {
  let buffer: string[] | undefined
  let size = 0
  return {
    begin(title) {
      core.info(`▸ ${title} …`)
      buffer = []
      size = 0
      return ({ seconds, ok }) => {
        // Redacted whole, so that a secret split across two chunks of output is still found.
        const held = redact((buffer ?? []).join(''))
        buffer = undefined
        core.startGroup(`${title} — ${seconds.toFixed(1)} s${ok ? '' : ' (failed)'}`)
        const token = randomBytes(16).toString('hex')
        process.stdout.write(`::stop-commands::${token}\n`)
        process.stdout.write(held.endsWith('\n') || held === '' ? held : `${held}\n`)
        process.stdout.write(`::${token}::\n`)
        core.endGroup()
      }
    },
    info: message => core.info(redact(message)),
    untrusted: text => {
      if (!buffer) {
        // Outside a stage: still never let it issue commands.
        const token = randomBytes(16).toString('hex')
        process.stdout.write(`::stop-commands::${token}\n${redact(text)}\n::${token}::\n`)
        return
      }
      if (size + text.length > MAX_BUFFER) {
        if (size <= MAX_BUFFER) buffer.push('\n[... output cut by keras-compat; the report keeps the end ...]\n')
        size = MAX_BUFFER + 1
        return
      }
      buffer.push(text)
      size += text.length
    }
  }
}
