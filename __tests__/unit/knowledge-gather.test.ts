// The gatherer's own parts, run with the real Python: wheel-tag reading, coverage strings (and that the loader reads
// them back as the gatherer meant), and the METADATA range reader against a local HTTP server that serves real
// wheels (zips made by Python's zipfile) with byte ranges, as the index's file host does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import * as path from 'node:path'
import { coverageIncludes } from '../../src/knowledge/coverage.js'
import { scratchDir } from '../helpers/scratch.js'

const SCRIPTS = path.resolve(import.meta.dirname, '../../scripts/knowledge')

const prelude = `import json, sys\nsys.dont_write_bytecode = True\nsys.path.insert(0, ${JSON.stringify(SCRIPTS)})\nINPUT = json.loads(sys.stdin.read())\n`

/** Runs Python code with the gatherer's modules importable; the code prints one JSON value. */
function python(code: string, input: unknown = null): unknown {
  return JSON.parse(execFileSync('python3', ['-c', prelude + code], { input: JSON.stringify(input), encoding: 'utf8' }))
}

/** The same without blocking the event loop, for code that talks to this process's HTTP server. */
function pythonAsync(code: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', prelude + code], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', status => (status === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))))
    child.stdin.end(JSON.stringify(input))
  })
}

describe('wheel file names', () => {
  const cases: [string, Record<string, string>][] = [
    ['tensorflow-1.14.0-cp27-cp27mu-manylinux1_x86_64.whl', { 'linux-x86_64': '2.7' }],
    ['tensorflow-2.21.0-cp313-cp313-manylinux_2_27_aarch64.whl', { 'linux-aarch64': '3.13' }],
    ['tensorflow-2.16.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', { 'linux-x86_64': '3.12' }],
    ['numpy-2.3.0-cp313-cp313-musllinux_1_2_x86_64.whl', {}],
    ['numpy-2.3.0-cp313-cp313t-manylinux_2_28_x86_64.whl', {}],
    ['numpy-2.3.0-pp311-pypy311_pp73-manylinux_2_28_x86_64.whl', {}],
    ['numpy-1.26.4-cp312-cp312-win32.whl', {}],
    ['protobuf-5.29.3-cp38-abi3-macosx_10_9_universal2.whl', { 'macos-x86_64': '3.8+', 'macos-arm64': '3.8+' }],
    ['protobuf-5.29.3-cp310-abi3-win_amd64.whl', { 'windows-x86_64': '3.10+' }],
    ['tensorflow-1.0.0-cp27-cp27m-macosx_10_11_intel.whl', { 'macos-x86_64': '2.7' }],
    ['tensorflow_metal-1.2.0-cp312-cp312-macosx_12_0_arm64.whl', { 'macos-arm64': '3.12' }],
    ['keras-3.0.0-py3-none-any.whl', { any: 'py3' }],
    ['six-1.16.0-py2.py3-none-any.whl', { any: 'py2,py3' }],
    ['foo-1.0-py36-none-any.whl', { any: '3.6+' }],
    ['h5py-2.6.0-1-cp35-cp35m-manylinux1_x86_64.whl', { 'linux-x86_64': '3.5' }],
    ['numpy-1.13.3-2-cp36-none-win_amd64.whl', { 'windows-x86_64': '3.6' }]
  ]
  // One Python for the whole table.
  let parsed: Record<string, Record<string, string>> = {}
  beforeAll(() => {
    const code = `from wheeltags import parse_wheel\nfrom coverage import compact\nout = {}\nfor name in INPUT:\n    _, cov = parse_wheel(name)\n    out[name] = {p: compact(t) for p, t in cov.items()}\nprint(json.dumps(out))`
    parsed = python(
      code,
      cases.map(c => c[0])
    ) as typeof parsed
  })

  it.each(cases)('%s → %j', (filename, expected) => {
    expect(parsed[filename]).toEqual(expected)
  })

  it('reads the version of an sdist whatever separators its name uses', () => {
    const code = `from wheeltags import sdist_version\nprint(json.dumps([sdist_version(f, p) for f, p in INPUT]))`
    const input = [
      ['tf_keras-2.16.0.tar.gz', 'tf-keras'],
      ['tf-keras-2.15.0.tar.gz', 'tf-keras'],
      ['tensorflow-gpu-2.12.0.tar.gz', 'tensorflow-gpu'],
      ['numpy-1.10.0.post2.tar.gz', 'numpy'],
      ['Keras-1.0.0.tar.gz', 'keras'],
      ['numpy-1.9.0.win32-py2.7.exe', 'numpy'],
      ['tensorflow-2.0.0-cp37-cp37m-win_amd64.whl', 'tensorflow']
    ]
    expect(python(code, input)).toEqual(['2.16.0', '2.15.0', '2.12.0', '1.10.0.post2', '1.0.0', null, null])
  })
})

describe('eggs and Windows installers', () => {
  it('belong to the longest listed version their name starts with', () => {
    const code = `from wheeltags import other_version\nprint(json.dumps([other_version(f, p, v) for f, p, v in INPUT]))`
    const input = [
      ['numpy-1.0b1.win32-py2.5.exe', 'numpy', ['1.0', '1.0b1']],
      ['Keras-0.2.0-py2.7.egg', 'keras', ['0.2.0', '0.2']],
      ['numpy-1.0.1.dev3460.win32-py2.4.exe', 'numpy', ['1.0', '1.0.1']],
      ['numpy-9.9.win32.exe', 'numpy', ['1.0']]
    ]
    expect(python(code, input)).toEqual(['1.0b1', '0.2.0', '1.0.1', null])
  })
})

describe('coverage strings, written in Python and read in TypeScript', () => {
  const sets = [
    ['2.7', '3.5', '3.6', '3.7'],
    ['3.9', '3.10', '3.11', '3.12'],
    ['3.6', '3.8', '3.9'],
    ['3.7+'],
    ['3.6', '3.7+', '3.10'],
    ['py3'],
    ['py2', 'py3', '3.5'],
    ['3.10', '3.11', '3.13']
  ]
  const pythons = ['2.6', '2.7', ...Array.from({ length: 16 }, (_, i) => `3.${i}`)]

  let written: { text: string; expanded: string[] }[] = []
  beforeAll(() => {
    const code = `from coverage import compact, expand\nout = []\nfor tokens in INPUT[0]:\n    text = compact(set(tokens))\n    out.append({"text": text, "expanded": sorted(expand(text, INPUT[1]))})\nprint(json.dumps(out))`
    written = python(code, [sets, pythons]) as typeof written
  })

  it.each(sets.map((tokens, i) => [tokens, i] as const))('%j means the same to both', (tokens, i) => {
    const { text, expanded } = written[i]
    expect(pythons.filter(p => coverageIncludes(text, p)).sort()).toEqual(expanded)
    for (const token of tokens.filter(t => /^\d+\.\d+$/.test(t))) {
      expect([token, expanded.includes(token)]).toEqual([token, true])
    }
  })
})

describe('Requires-Dist blocks', () => {
  it('one number when every wheel agrees; per platform and Python when they do not', () => {
    const code = `from requires import Interner, condense
i = Interner()
same = condense({("linux-x86_64", "3.10"): ["a>=1"], ("windows-x86_64", "3.10"): ["a>=1"]}, i)
split = condense({("linux-x86_64", "2.7"): ["enum34", "a>=1"], ("linux-x86_64", "3.6"): ["a>=1"],
                  ("linux-x86_64", "3.7"): ["a>=1"], ("windows-x86_64", "3.6"): ["intel==1; platform_system == \\"Windows\\""]}, i)
print(json.dumps({"same": same, "split": split, "lines": i.lines, "blocks": i.blocks}))`
    expect(python(code)).toEqual({
      same: 0,
      split: { '*': 0, 'linux-x86_64@2.7': 1, 'windows-x86_64': 2 },
      lines: ['a>=1', 'enum34', 'intel==1; platform_system == "Windows"'],
      blocks: [[0], [0, 1], [2]]
    })
  })

  it('writes old-style METADATA requirements in one PEP 508 spelling', () => {
    const code = `from wheelmeta import parse_metadata
print(json.dumps(parse_metadata(INPUT)))`
    const metadata = [
      'Metadata-Version: 2.1',
      'Name: tensorflow',
      'Version: 1.14.0',
      'Requires-Python: >=2.7',
      'Requires-Dist: numpy (<2.0,>=1.14.5)',
      'Requires-Dist: backports.weakref (>=1.0rc1)',
      'Requires-Dist: Keras_Preprocessing (>=1.0.5)',
      "Requires-Dist: nvidia-cudnn-cu12 (==8.9.4.25) ; extra == 'and-cuda'",
      '',
      'long description'
    ].join('\n')
    expect(python(code, metadata)).toEqual({
      requires_dist: [
        'backports-weakref>=1.0rc1',
        'keras-preprocessing>=1.0.5',
        'numpy>=1.14.5,<2.0',
        'nvidia-cudnn-cu12==8.9.4.25; extra == "and-cuda"'
      ],
      requires_python: '>=2.7'
    })
  })
})

describe('METADATA by HTTP range reads', () => {
  let dir = ''
  let server: Server
  let base = ''
  const served: { path: string; range?: string; bytes: number }[] = []

  beforeAll(async () => {
    dir = scratchDir('wheels')
    // Real zips: dist-info at the end (setuptools), at the start of a large directory (TensorFlow's builder), in
    // the middle, and a wheel smaller than one read; plus a PEP 658 metadata file beside the first.
    python(
      `import zipfile, os
d = INPUT
def wheel(name, before, after):
    with zipfile.ZipFile(os.path.join(d, name), "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        for i in range(before):
            z.writestr("pkg/module_with_a_long_path_name_%05d.py" % i, "x = %d\\n" % i)
        info = zipfile.ZipInfo("pkg-1.0.dist-info/METADATA")
        z.writestr(info, "Metadata-Version: 2.1\\nName: pkg\\nVersion: 1.0\\nRequires-Dist: numpy (>=1.0)\\nRequires-Dist: six ; python_version < \\"3\\"\\n\\nbody\\n" + "padding\\n" * 500, zipfile.ZIP_DEFLATED)
        z.writestr("pkg-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\n")
        for i in range(after):
            z.writestr("pkg/other_module_with_a_long_path_name_%05d.py" % i, "y = %d\\n" % i)
wheel("end.whl", 3000, 0)
wheel("start.whl", 0, 3000)
wheel("middle.whl", 3000, 3000)
wheel("small.whl", 1, 0)
with open(os.path.join(d, "end.whl.metadata"), "w") as f:
    f.write("Metadata-Version: 2.1\\nName: pkg\\nVersion: 1.0\\nRequires-Dist: from-pep658\\n")
print("null")`,
      dir
    )
    server = createServer((req, res) => {
      const file = path.join(dir, path.basename(req.url ?? ''))
      let body: Buffer
      try {
        body = readFileSync(file)
      } catch {
        res.writeHead(404).end()
        return
      }
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''))
      if (!range) {
        served.push({ path: req.url ?? '', bytes: body.length })
        res.writeHead(200, { 'Content-Length': body.length }).end(body)
        return
      }
      const start = range[1] === '' ? Math.max(0, body.length - Number(range[2])) : Number(range[1])
      const end = range[1] === '' || range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1)
      const part = body.subarray(start, end + 1)
      served.push({ path: req.url ?? '', range: req.headers.range, bytes: part.length })
      res
        .writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': part.length })
        .end(part)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(() => {
    server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function read(files: { filename: string; core?: unknown }[]) {
    const code = `import tempfile
from http_client import Client, Counters
from wheelmeta import requires_of
counters, stats, out = Counters(), {}, []
client = Client(counters)
for f in INPUT["files"]:
    file = {"filename": f["filename"], "url": INPUT["base"] + "/" + f["filename"], "hashes": {}}
    if f.get("core"):
        file["core-metadata"] = f["core"]
    with tempfile.TemporaryDirectory() as cache:
        out.append(requires_of(client, file, cache, stats)["requires_dist"])
print(json.dumps({"requires": out, "stats": stats, "full": counters.full_downloads, "requests": counters.requests}))`
    return (await pythonAsync(code, { base, files })) as {
      requires: string[][]
      stats: Record<string, number>
      full: number
      requests: number
    }
  }

  it.each([
    ['end.whl', 'tail'],
    ['start.whl', 'head'],
    ['middle.whl', 'directory'],
    ['small.whl', 'tail']
  ])('%s: found in the %s read, without downloading the wheel', async (filename, where) => {
    served.length = 0
    const result = await read([{ filename }])
    expect(result.requires).toEqual([['numpy>=1.0', 'six; python_version < "3"']])
    expect(result.stats).toEqual({ [where]: 1 })
    expect(result.full).toBe(0)
    const size = statSync(path.join(dir, filename)).size
    expect(served.every(s => s.range !== undefined)).toBe(true)
    // The whole directory (most of these toy wheels, a few MB of a real one) at worst, never the whole file.
    const share = { tail: 0.5, head: 0.5, directory: 1 }[where]!
    // A tiny wheel is smaller than one range read: only the others show the saving.
    const bytesRead = served.reduce((n, s) => n + s.bytes, 0)
    expect(filename === 'small.whl' || bytesRead < size * share).toBe(true)
  })

  it('takes the PEP 658 metadata file when the index says it exists and its hash matches', async () => {
    const sha = python(
      `import hashlib\nprint(json.dumps(hashlib.sha256(open(INPUT, "rb").read()).hexdigest()))`,
      path.join(dir, 'end.whl.metadata')
    )
    const good = await read([{ filename: 'end.whl', core: { sha256: sha } }])
    expect(good.requires).toEqual([['from-pep658']])
    expect(good.stats).toEqual({ pep658: 1 })
    const bad = await read([{ filename: 'end.whl', core: { sha256: '0'.repeat(64) } }])
    expect(bad.requires).toEqual([['numpy>=1.0', 'six; python_version < "3"']])
    expect(bad.stats).toEqual({ tail: 1 })
  })
})
