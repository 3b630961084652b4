/**
 * A seeded generator of adversarial requirement files, for the differential test against pip's own parser. Each
 * case is a small repository: a top-level requirements.txt (in one of several encodings, with BOMs, coding lines,
 * every line break Python's splitlines knows, continuations, comments with backslashes, tabs, markers, options,
 * ${VAR} forms, URL and path requirements, editables, includes), an included file, a constraints file, an
 * installable local package, a folder that is not one, and a wheel file.
 */

export interface CorpusFile {
  rel: string
  bytes: Uint8Array
}

export interface CorpusCase {
  id: number
  /** What makes this case: its encoding and line-break style. */
  label: string
  files: CorpusFile[]
  dirs: string[]
  top: string
}

/** The environment both pip and the reader see: values that look like options, comments, variables and secrets. */
export const CORPUS_ENV: Record<string, string> = {
  TF_VERSION: '2.16.1',
  PKG: 'numpy',
  EMPTY: '',
  SPACED: 'a b',
  DASH: '--pre',
  HASHY: '#notcomment',
  NESTED: '${TF_VERSION}',
  URLTOK: 's3cr3t-token',
  INC: 'inc/other.txt',
  MARK: 'python_version >= "3"',
  SPEC: '>=1.0,<3'
}

type Rng = () => number

function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]

const SPECS_GOOD = [
  'numpy',
  'numpy>=1.21',
  'numpy >= 1.21 , < 2',
  'Keras==3.0.*',
  'tensorflow-cpu~=2.15.0',
  'tf_keras (>=2.15,<2.16)',
  'requests[security,socks]>=2.0',
  'requests[ security ]',
  'pkg.name_x-y==1.0.post1',
  'foo===1.0-weird',
  'bar!=1.5.*',
  'baz>1.0rc1',
  'qux<=2.0.dev3',
  'torch==2.1.0+cpu',
  'A1',
  'z[extra]',
  'numpy==V1.0',
  'numpy==1.0-1',
  'numpy\t>=1.0',
  'numpy(>=1.0)',
  'localpkg',
  'tensorflow==${TF_VERSION}',
  '${PKG}>=1',
  '${PKG}${SPEC}',
  'pkg==${NESTED}${TF_VERSION}',
  'numpy; ${MARK}',
  'numpy ${DASH}'
]

const MARKERS_GOOD = [
  '; python_version < "3.12"',
  ';python_version>=\'3.8\' and sys_platform=="linux"',
  '; (os_name == "nt" or platform_machine == \'x86_64\') and extra == "Test_X"',
  '; platform.machine in "x86_64 aarch64"',
  "; python_implementation != 'PyPy'",
  '; "linux" not in sys_platform',
  '; implementation_name == "cpython" or (python_full_version >= "3.9.1")',
  '; ((python_version > "3"))',
  '; ((python_version > "3" or os_name == "nt")) and sys_platform == "linux"',
  "; extra == 'A.B_c'",
  "; sys_platform == 'linux' and extra == 'X'",
  '; python_version == "3.1\\x31"',
  '; os_name == "a\\tb"',
  '; ' + '('.repeat(40) + 'os_name == "posix"' + ')'.repeat(40),
  '; python_version<"3.12"and os_name=="posix"'
]

const MARKERS_BAD = [
  '; python_version < 3.12',
  '; foo == "1"',
  '; python_version <',
  '; (python_version > "3"',
  '; python_version = "3"',
  '; ' + '('.repeat(5000) + 'os_name == "posix"' + ')'.repeat(5000),
  '; os_name == "x\\"',
  ';',
  '; '
]

const SPECS_BAD = [
  'pkg==${TF_VERSION}${NESTED}',
  '$PKG',
  '${lower_case}',
  '${UNSET_VARIABLE_X}',
  'pkg==${EMPTY}1.0',
  'tensorflow keras',
  'numpy=>1.2',
  'keras==3.0 tensorflow',
  'pkg==',
  '==1.0',
  'pkg[extra',
  'pkg>=1.0.*',
  'pkg~=1',
  'pkg==1.0+local>',
  'pkg@',
  '.hidden',
  'name with spaces==1',
  'numpy#x',
  'x${HASHY}',
  '${SPACED}',
  'pkg[a b]',
  'numpy\u00a0>=1',
  '\ufeffnumpy',
  'numpy=1.0',
  'numpy>=1.0,',
  'pkg>=1.0.*+local'
]

const URLS_GOOD = [
  'pkg @ https://example.com/pkg-1.0.tar.gz',
  'pkg[x] @ git+https://github.com/o/r.git@v1.0#egg=pkg ; python_version >= "3.8"',
  'pkg @ git+https://github.com/o/r.git@v1.0;python_version >= "3.8"',
  'https://example.com/tf_keras-2.16.0-py3-none-any.whl',
  'https://example.com/archive.zip#egg=mypkg',
  'https://example.com/archive.zip#egg=mypkg&subdirectory=sub',
  'git+https://github.com/o/r.git#egg=r-pkg',
  'https://example.com/x.tar.gz',
  'file:///tmp/kc-does-not-exist.tar.gz#egg=thing',
  'https://example.com/x.tar.gz#egg=foo>=1',
  'https://example.com/Tf.Keras-2.16.0RC1-1-py3-none-any.whl',
  'pkg @ https://user:${URLTOK}@example.com/p.tar.gz',
  'https://${URLTOK}@example.com/p.tar.gz#egg=tokpkg',
  './localpkg',
  './localpkg[extra]',
  'localpkg/',
  './dist/tf_keras-2.16.0-py3-none-any.whl',
  './missing-1.0.tar.gz',
  'pkg @ ./localpkg',
  'HTTPS://EXAMPLE.COM/p.tar.gz#egg=upper',
  'https://example.com/p.tar.gz#egg=semi; python_version > "3"',
  'https://example.com/p.tar.gz#egg=nosp;python_version > "3"'
]

const URLS_BAD = ['pkg @ https://x.org/a;b', 'https://example.com/bad-name.whl', './notinstallable', 'pkg @ ', '.']

const EDITABLES_GOOD = [
  '-e ./localpkg',
  '-e ./localpkg[extra]',
  '-e git+https://github.com/o/r.git#egg=rpkg',
  '-e git://github.com/o/r.git#egg=r',
  '-e rpkg @ git+https://github.com/o/r.git',
  '--editable=./localpkg',
  '-e .',
  '-e "./localpkg"',
  "--editable 'git+https://github.com/o/r.git#egg=quoted'",
  '-e git+https://${URLTOK}@github.com/o/r.git#egg=secret',
  '-e git+https://github.com/o/r.git#egg=rpkg[extra]'
]

const EDITABLES_BAD = [
  '-e git+https://github.com/o/r.git',
  '-e https://example.com/pkg.tar.gz#egg=x',
  '-e ./missing',
  '-e',
  '-e rpkg @ https://example.com/r.tar.gz'
]

const OPTIONS_GOOD = [
  '-i https://pypi.org/simple',
  '--index-url=https://x.example/simple',
  '--extra-index-url https://x.example/simple',
  '--no-index',
  '-f ./wheels',
  '--find-links=https://x.example/links',
  '--pre',
  '--prefer-binary',
  '--only-binary=:all:',
  '--no-binary numpy',
  '--trusted-host example.com',
  '--use-feature=fast-deps',
  '--require-hashes',
  '--ind https://x.example/simple',
  '-C key=val',
  '--hash=sha256:abc',
  '--extra-index-url https://user:${URLTOK}@x.example/simple',
  '-ihttps://pypi.org/simple',
  '-- --frobnicate',
  '--pypi-url https://x.example',
  '--pre stray positional words'
]

const OPTIONS_BAD = [
  '--no-binary -x',
  '--use-feature=bogus',
  '--frobnicate',
  '-z',
  '--no x',
  '--pre=1',
  '--index-url',
  '--hash=sha1:abc',
  '--config-settings novalue'
]

const TRAILING_GOOD = [
  ' --hash=sha256:0123456789abcdef',
  ' --hash sha256:0123456789abcdef',
  ' -C key=val',
  ' --config-settings=k=v',
  ' --index-url https://ignored.example',
  " --hash='sha256:quoted'",
  ' --pre stray-word',
  ' -r inc/other.txt',
  '  --hash=sha256:double-space',
  ' --hash=sha512:x --hash=sha384:y',
  '     --hash=sha256:many-spaces',
  ' --config-settings="key=a value"'
]

const TRAILING_BAD = [
  ' --hash=md5:x',
  ' --hash=nocolon',
  ' --config-settings key',
  ' --hash="unterminated',
  '\t--hash=sha256:abc',
  ' --hash=sha256:a\\'
]

const INCLUDES_GOOD = [
  '-r inc/other.txt',
  '-rinc/other.txt',
  '--requirement=inc/other.txt',
  '-c c.txt',
  '--constraint c.txt',
  '-r inc/../inc/other.txt',
  '-r ${INC}',
  '-r inc/other.txt -c c.txt',
  '-c c.txt --pre',
  '-r "inc/other.txt"',
  '--requirement inc/other.txt --pre',
  '--req=inc/other.txt'
]

const INCLUDES_BAD = ['-r missing.txt', '-r requirements.txt', '-r inc', '-r ""', '-c missing-constraints.txt']

const COMMENTS = [
  '# a comment',
  '  # indented comment',
  '# comment ending in a backslash \\',
  '\t# tab comment',
  '\u00a0# nbsp comment',
  '\u3000# ideographic-space comment',
  '\x1f# unit-separator comment',
  '#',
  '   ',
  ''
]

/** Draws from the bad pool with probability `bad` (a per-case error rate), else from the good one. */
function draw<T>(rng: Rng, bad: number, good: readonly T[], wrong: readonly T[]): T {
  return rng() < bad ? pick(rng, wrong) : pick(rng, good)
}

/** Physical lines for one logical item: sometimes spread over continuations. */
function item(rng: Rng, bad: number, allowIncludes: boolean): string[] {
  const r = rng()
  if (r < 0.3) {
    const marker = rng() < 0.3 ? draw(rng, bad, MARKERS_GOOD, MARKERS_BAD) : ''
    const trailing = rng() < 0.2 ? draw(rng, bad, TRAILING_GOOD, TRAILING_BAD) : ''
    return [draw(rng, bad, SPECS_GOOD, SPECS_BAD) + marker + trailing]
  }
  if (r < 0.38) return [draw(rng, bad, URLS_GOOD, URLS_BAD)]
  if (r < 0.44) return [draw(rng, bad, EDITABLES_GOOD, EDITABLES_BAD)]
  if (r < 0.52) return [draw(rng, bad, OPTIONS_GOOD, OPTIONS_BAD)]
  if (r < 0.6 && allowIncludes) return [draw(rng, bad, INCLUDES_GOOD, INCLUDES_BAD)]
  if (r < 0.72) return [draw(rng, bad, COMMENTS, ['\ufeff# a BOM character is not whitespace'])]
  if (r < 0.78)
    return [`${pick(rng, SPECS_GOOD)}  ${pick(rng, ['# trailing comment', '#no-space-before', '# with \\'])}`]
  return continuation(rng, bad)
}

function continuation(rng: Rng, bad: number): string[] {
  const wrong = [
    ['keras>=3 \\', 'numpy'],
    ['numpy \\ ', '>=1'],
    ['numpy \\', '>=1 \\', 'keras']
  ]
  const forms: string[][] = [
    ['numpy \\', '  >=1.0'],
    ['tensor\\', 'flow==2.16.1'],
    ['numpy \\', '--hash=sha256:abc \\', '--hash=sha256:def'],
    ['numpy \\', '# a comment that ends it \\', 'keras'],
    ['numpy \\', '', 'keras'],
    ['\\\\numpy\\\\', '>=1'],
    ['-r \\', 'inc/other.txt'],
    ['keras>=3 \\', ''],
    ['pkg @ https://example.com/p.tar.gz \\', '; python_version > "3"'],
    ['numpy\\', '\\', '>=1'],
    ['# comment \\', 'numpy'],
    ['numpy \\', '  --hash=sha256:abc']
  ]
  return draw(rng, bad, forms, wrong)
}

const SEPARATORS = [
  '\n',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\v',
  '\f',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x85',
  '\u2028',
  '\u2029'
]
const ASCII_SEPARATORS = ['\n', '\n', '\r\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e']

type Style = 'lf' | 'crlf' | 'cr' | 'mixed'

function join(rng: Rng, lines: string[], style: Style, separators: string[]): string {
  const sep = () => (style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : style === 'cr' ? '\r' : pick(rng, separators))
  let text = ''
  lines.forEach((line, i) => {
    text += line
    if (i < lines.length - 1 || rng() < 0.7) text += sep()
  })
  return text
}

function physicalLines(rng: Rng, bad: number, count: number, allowIncludes: boolean): string[] {
  const out: string[] = []
  for (let i = 0; i < count; i++) out.push(...item(rng, bad, allowIncludes))
  return out
}

const CP1252_TABLE = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i))

function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map(ch => (ch === '\u0081' ? 0x81 : CP1252_TABLE.indexOf(ch))))
}

function utf16(text: string, little: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le')
  return little ? le : Buffer.from(le).swap16()
}

function utf32(text: string, little: boolean): Buffer {
  const points = [...text].map(c => c.codePointAt(0)!)
  const out = Buffer.alloc(points.length * 4)
  points.forEach((p, i) => (little ? out.writeUInt32LE(p, 4 * i) : out.writeUInt32BE(p, 4 * i)))
  return out
}

const ENCODINGS = [
  'utf8',
  'utf8',
  'utf8',
  'utf8',
  'utf8-bom',
  'utf16le-bom',
  'utf16be-bom',
  'utf32le-bom',
  'utf32be-bom',
  'latin1-declared',
  'cp1252-declared',
  'utf16-declared',
  'invalid-declared',
  'utf8-bad-byte',
  'declared-line3',
  'vim-declared'
] as const

const CLEAN_ENCODINGS = [
  'utf8',
  'utf8',
  'utf8-bom',
  'utf16le-bom',
  'utf16be-bom',
  'utf32le-bom',
  'utf32be-bom',
  'latin1-declared',
  'vim-declared'
] as const

/** The top-level file: lines in an encoding, with what that encoding needs (a coding line, characters it holds). */
function encodeTop(rng: Rng, encoding: (typeof ENCODINGS)[number], lines: string[], style: Style): Uint8Array {
  const text = (extra: string[], separators = SEPARATORS) => join(rng, [...extra, ...lines], style, separators)
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text(['# plain UTF-8: café 😀']))
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(['# BOM: é']))])
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(text(['# UTF-16 😀']), true)])
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(text(['# UTF-16 😀']), false)])
    case 'utf32le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text(['# UTF-32 😀']), true)])
    case 'utf32be-bom':
      return Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(text(['# UTF-32 😀']), false)])
    case 'latin1-declared': {
      const head = pick(rng, [['# -*- coding: latin-1 -*-'], ['# first', '# vim: set fileencoding=ISO-8859-1 :']])
      return Buffer.from(text([...head, '# café, naïve'], [...ASCII_SEPARATORS, '\x85']), 'latin1')
    }
    case 'cp1252-declared': {
      const head = pick(rng, [['# coding=cp1252'], ['# -*- coding: windows-1252 -*-']])
      return cp1252(text([...head, rng() < 0.2 ? '# undefined byte \u0081' : '# price: 5€'], ASCII_SEPARATORS))
    }
    case 'utf16-declared':
      return Buffer.from(text(['# -*- coding: utf-16 -*-'], ASCII_SEPARATORS))
    case 'invalid-declared':
      return Buffer.from(text([pick(rng, ['# coding: klingon', '# coding: utf-8.x', '# coding: rot13'])]))
    case 'utf8-bad-byte':
      return Buffer.concat([Buffer.from(text(['# ok'])), Buffer.from([0x0a, 0x23, 0xff, 0x0a]), Buffer.from('numpy\n')])
    case 'declared-line3':
      return Buffer.from(text(['# one', '# two', '# coding: latin-1', '# été'], ASCII_SEPARATORS), 'latin1')
    case 'vim-declared':
      return Buffer.from(text(['# vim: set fileencoding=utf-8 :', '# ok ü']))
  }
}

/** One case: a small repository whose top-level file pip and the reader will both read. */
export function generateCase(seed: number, id: number): CorpusCase {
  const rng = mulberry32(seed * 1_000_003 + id)
  const style: Style = pick(rng, ['lf', 'crlf', 'cr', 'mixed', 'mixed', 'mixed'] as const)
  // Half the cases hold only lines pip accepts (so the lines themselves are compared), half a few it rejects.
  const bad = rng() < 0.5 ? 0 : 0.05 + rng() * 0.3
  const encoding = bad === 0 ? pick(rng, CLEAN_ENCODINGS) : pick(rng, ENCODINGS)
  const top = encodeTop(rng, encoding, physicalLines(rng, bad, 3 + Math.floor(rng() * 12), true), style)
  const otherLines = physicalLines(rng, bad, 2 + Math.floor(rng() * 5), false)
  if (rng() < 0.3)
    otherLines.push(draw(rng, bad, ['-c ../c.txt', '-r ../c.txt'], ['-r other.txt', '-r ../requirements.txt']))
  const other = Buffer.from(join(rng, otherLines, pick(rng, ['lf', 'mixed'] as const), SEPARATORS))
  const constraints = Buffer.from(
    join(
      rng,
      [
        pick(rng, ['numpy<2', 'keras>=3,<4', 'protobuf<5 ; python_version < "3.12"']),
        draw(rng, bad, SPECS_GOOD, SPECS_BAD)
      ],
      'lf',
      SEPARATORS
    )
  )
  return {
    id,
    label: `${encoding}, ${style}`,
    top: 'requirements.txt',
    dirs: ['inc', 'localpkg', 'notinstallable', 'dist', 'wheels'],
    files: [
      { rel: 'requirements.txt', bytes: top },
      { rel: 'inc/other.txt', bytes: other },
      { rel: 'c.txt', bytes: constraints },
      { rel: 'localpkg/setup.py', bytes: Buffer.from('') },
      { rel: 'notinstallable/README', bytes: Buffer.from('not a project\n') },
      { rel: 'dist/tf_keras-2.16.0-py3-none-any.whl', bytes: Buffer.from('') }
    ]
  }
}
