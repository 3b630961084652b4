/** Escapes text for HTML: everything from pip, Python or packages is data, never markup. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Escapes, then turns `code` spans into <code>: the only markup our own messages use. */
export function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')
}

/** Keeps the end of a long log (where the error is), saying how much was cut. */
export function tail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  return `[... ${text.length - maxChars} earlier characters cut ...]\n${text.slice(text.length - maxChars)}`
}
