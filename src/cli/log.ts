import { type Log } from '../core/log.js'
import { type Style } from '../report/render/terminal.js'

/** Progress on stderr (stdout carries the report): a line per stage with its time; output only when verbose. */
export function terminalLog(style: Style, verbose: boolean, write: (s: string) => void): Log {
  return {
    begin(title) {
      write(style.dim(`… ${title}\n`))
      return ({ seconds, ok }) =>
        write(`${ok ? style.green('✓') : style.red('✗')} ${title} ${style.dim(`${seconds.toFixed(1)} s`)}\n`)
    },
    info: message => write(`${message}\n`),
    untrusted: text => {
      if (verbose) write(text)
    }
  }
}
