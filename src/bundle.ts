/** What dist/lib/index.js exports: the action's two entries share it (dist/index.js and dist/post.js import it). */
export { run as runAction } from './action/main.js'
export { runPost } from './action/post.js'
export { installCrashNet } from './util/crash-net.js'
