/** One answer of the REST API: the status, the parsed body, and the `Link` header for pages. */
export interface ApiResponse {
  status: number
  body: unknown
  link: string
}

/** The REST API, as the comment needs it: an interface so tests drive it against a local fake server. */
export interface GitHubApi {
  /** The API's root URL: pages are followed only under it, so the token never goes to another host. */
  root: string
  request(method: 'GET' | 'POST' | 'PATCH', path: string, body?: object): Promise<ApiResponse>
}

// A hung API must not hold the job: each call gets this long.
const TIMEOUT_MS = 30_000

/**
 * The REST API at `baseUrl` (GITHUB_API_URL: api.github.com, or a GitHub Enterprise Server's `/api/v3`) with the
 * token. Network failures throw; HTTP errors come back as their status for the caller to judge.
 */
export function restClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): GitHubApi {
  const root = baseUrl.replace(/\/+$/, '')
  return {
    root,
    async request(method, path, body) {
      const response = await fetchImpl(`${root}${path}`, {
        method,
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${token}`,
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'keras-compat',
          ...(body ? { 'Content-Type': 'application/json' } : {})
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS)
      })
      const text = await response.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        // Not JSON (an HTML error page from a proxy): kept as text for the message.
      }
      return { status: response.status, body: parsed, link: response.headers.get('link') ?? '' }
    }
  }
}

/** Every item of a paginated list (100 a page, at most `maxPages`), following the `Link: rel="next"` header. */
export async function listAll(
  api: GitHubApi,
  path: string,
  maxPages = 30
): Promise<ApiResponse & { items: unknown[] }> {
  const items: unknown[] = []
  let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}per_page=100`
  let last: ApiResponse = { status: 200, body: [], link: '' }
  for (let page = 0; next && page < maxPages; page++) {
    last = await api.request('GET', next)
    if (last.status !== 200 || !Array.isArray(last.body)) return { ...last, items }
    items.push(...(last.body as unknown[]))
    next = nextPage(last.link, api.root)
  }
  return { ...last, items }
}

/** The path (and query) of the `rel="next"` link under `root`, or undefined on the last page (or elsewhere). */
export function nextPage(link: string, root: string): string | undefined {
  const m = /<([^>]+)>\s*;\s*rel="next"/.exec(link)
  return m && m[1].startsWith(`${root}/`) ? m[1].slice(root.length) : undefined
}
