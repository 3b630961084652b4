/** The action's main step: a thin entry so that run() stays importable by tests. */
import { run } from './action/main.js'
import { installCrashNet } from './util/crash-net.js'

installCrashNet()
await run()
