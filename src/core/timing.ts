/** How long one stage of a check took, and whether it went well. */
export interface StageTiming {
  name: string
  seconds: number
  ok: boolean
}
