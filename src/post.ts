/** The action's post step: removes anything a killed main step left behind. */
import { runPost } from './action/post.js'

await runPost()
