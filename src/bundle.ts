/** What dist/lib/index.js exports: the three entries share one bundle (dist/index.js, post.js, cli.js import it). */
export { run as runAction } from './action/main.js'
export { runPost } from './action/post.js'
export { runCli } from './cli/main.js'
export { installCrashNet } from './util/crash-net.js'
