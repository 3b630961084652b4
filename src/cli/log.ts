import { Log } from '../core/log.js'
import { Style } from '../report/render/terminal.js'

/** Progress on stderr (stdout carries the report): a line per stage with its time; output only when verbose. */
export function terminalLog(style: Style, verbose: boolean, write: (s: string) => void): Log {
  return {
    async stage(title, fn, isOk = () => true) {
      const started = Date.now()
      write(style.dim(`… ${title}\n`))
      let ok = false
      try {
        const value = await fn()
        ok = isOk(value)
        return value
      } finally {
        const seconds = ((Date.now() - started) / 1000).toFixed(1)
        write(`${ok ? style.green('✓') : style.red('✗')} ${title} ${style.dim(`${seconds} s`)}\n`)
      }
    },
    info: message => write(`${message}\n`),
    untrusted: text => {
      if (verbose) write(text)
    }
  }
}
