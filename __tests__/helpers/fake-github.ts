// A fake of the GitHub REST API on 127.0.0.1, holding one pull request's comments, review comments and files in
// memory. It records every call (method, path, body, token) so tests can say what keras-compat asked for. Pages of
// lists follow the real API's shape: per_page, page and a Link header with rel="next".
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo } from 'node:net'

export interface Call {
  method: string
  path: string
  body: Record<string, unknown> | null
  token: string
}

export interface Comment {
  id: number
  body: string
  user: { login: string; type: string }
}

export interface ReviewComment extends Comment {
  path: string
  line: number
  side: string
  commit_id: string
}

export interface FakeGitHub {
  url: string
  calls: Call[]
  comments: Comment[]
  reviewComments: ReviewComment[]
  files: { filename: string; patch?: string }[]
  /** 403 every write (a fork's read-only token), or every call. */
  forbid: 'none' | 'writes' | 'all'
  /** Largest body accepted (GitHub's limit), larger is a 422 as on github.com. */
  maxBody: number
  close(): Promise<void>
}

const read = (req: IncomingMessage) =>
  new Promise<string>(resolve => {
    let text = ''
    req.on('data', d => (text += d))
    req.on('end', () => resolve(text))
  })

function send(res: ServerResponse, status: number, body: unknown, link = ''): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(link ? { link } : {}) })
  res.end(JSON.stringify(body))
}

function page<T>(fake: FakeGitHub, res: ServerResponse, url: URL, all: T[]): void {
  const per = Number(url.searchParams.get('per_page') ?? 30)
  const n = Number(url.searchParams.get('page') ?? 1)
  const items = all.slice((n - 1) * per, n * per)
  const next = new URL(url.toString(), fake.url)
  next.searchParams.set('page', String(n + 1))
  send(res, 200, items, n * per < all.length ? `<${fake.url}${next.pathname}${next.search}>; rel="next"` : '')
}

export async function fakeGitHub(owner = 'octo/repo', pr = 7): Promise<FakeGitHub> {
  let nextId = 1000
  const fake = {
    url: '',
    calls: [] as Call[],
    comments: [] as Comment[],
    reviewComments: [] as ReviewComment[],
    files: [] as { filename: string; patch?: string }[],
    forbid: 'none',
    maxBody: 65_536
  } as FakeGitHub
  const bot = { login: 'github-actions[bot]', type: 'Bot' }
  const server: Server = createServer((req, res) => void handle(req, res))
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const text = await read(req)
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '')
    fake.calls.push({ method: req.method ?? '', path: url.pathname + url.search, body, token })
    if (fake.forbid === 'all' || (fake.forbid === 'writes' && req.method !== 'GET'))
      return send(res, 403, { message: 'Resource not accessible by integration' })
    if (body && typeof body.body === 'string' && body.body.length > fake.maxBody)
      return send(res, 422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' })
    const p = url.pathname
    if (req.method === 'GET' && p === `/repos/${owner}/issues/${pr}/comments`)
      return page(fake, res, url, fake.comments)
    if (req.method === 'POST' && p === `/repos/${owner}/issues/${pr}/comments`) {
      const c = { id: nextId++, body: String(body?.body), user: bot }
      fake.comments.push(c)
      return send(res, 201, c)
    }
    const edit = /^\/repos\/[^/]+\/[^/]+\/(issues|pulls)\/comments\/(\d+)$/.exec(p)
    if (req.method === 'PATCH' && edit) {
      const list: Comment[] = edit[1] === 'issues' ? fake.comments : fake.reviewComments
      const c = list.find(x => x.id === Number(edit[2]))
      if (!c) return send(res, 404, { message: 'Not Found' })
      c.body = String(body?.body)
      return send(res, 200, c)
    }
    if (req.method === 'GET' && p === `/repos/${owner}/pulls/${pr}/files`) return page(fake, res, url, fake.files)
    if (req.method === 'GET' && p === `/repos/${owner}/pulls/${pr}/comments`)
      return page(fake, res, url, fake.reviewComments)
    if (req.method === 'POST' && p === `/repos/${owner}/pulls/${pr}/comments`) {
      const c: ReviewComment = {
        id: nextId++,
        body: String(body?.body),
        user: bot,
        path: String(body?.path),
        line: Number(body?.line),
        side: String(body?.side),
        commit_id: String(body?.commit_id)
      }
      fake.reviewComments.push(c)
      return send(res, 201, c)
    }
    send(res, 404, { message: 'Not Found' })
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.close = () => new Promise<void>(resolve => server.close(() => resolve()))
  return fake
}
