/** PEP 503 name normalisation: the one way names are compared anywhere in keras-compat. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}
