import { describe, expect, it } from '@jest/globals'
import { poetryToPep440 } from '../../src/requirements/poetry.js'
import { readPyproject } from '../../src/requirements/pyproject.js'
import { pythonMarker } from '../../src/requirements/poetry-markers.js'

const PEP621 = `[build-system]
requires = ["setuptools"]

[project]
name = "demo"
dependencies = [
  "tensorflow-cpu==2.15.1",   # the framework
  'keras>=3',
]

[project.optional-dependencies]
probability = ["tensorflow-probability>=0.23"]
dev = ["pytest"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff"]
`

const POETRY = `[tool.poetry]
name = "demo"

[tool.poetry.dependencies]
python = "^3.10"
tensorflow = "^2.15"
keras = { version = "~2.15.0", extras = ["x"] }
"tf-keras" = { version = ">=2.15 <2.16", markers = "python_version < '3.12'" }
tensorflow-probability = { version = "*", optional = true }

[tool.poetry.extras]
prob = ["tensorflow-probability"]

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"
`

const rows = (r: ReturnType<typeof readPyproject>) => r.requirements.map(q => [q.key, q.specifier, q.location.line])

describe('pyproject.toml', () => {
  it('reads PEP 621 dependencies, chosen extras and PEP 735 groups with their lines', () => {
    const out = readPyproject('/p/pyproject.toml', PEP621, { extras: ['probability'], groups: ['test'] })
    expect(out.problems).toEqual([])
    expect(rows(out)).toEqual([
      ['tensorflow-cpu', '==2.15.1', 7],
      ['keras', '>=3', 8],
      ['tensorflow-probability', '>=0.23', 12],
      ['pytest', '>=8', 16],
      ['ruff', '', 17]
    ])
  })

  it('reads Poetry tables: ^, ~, *, inline tables, optional only when its extra is chosen, groups when named', () => {
    expect(rows(readPyproject('/p/pyproject.toml', POETRY, { extras: [], groups: [] }))).toEqual([
      ['tensorflow', '>=2.15,<3', 6],
      ['keras', '>=2.15.0,<2.16', 7],
      ['tf-keras', '>=2.15,<2.16', 8]
    ])
    const all = readPyproject('/p/pyproject.toml', POETRY, { extras: ['prob'], groups: ['dev'] })
    expect(rows(all).slice(3)).toEqual([
      ['tensorflow-probability', '', 9],
      ['pytest', '>=8.0,<9', 15]
    ])
    expect(all.requirements[2].marker).toBe("python_version < '3.12'")
  })

  it('reports TOML errors at their line and unknown extras or groups', () => {
    expect(
      readPyproject('/p/pyproject.toml', '[project]\ndependencies = [\n  x\n]\n', { extras: [], groups: [] })
        .problems[0]
    ).toMatchObject({
      location: { line: 3 },
      message: expect.stringMatching(/not valid TOML/)
    })
    const out = readPyproject('/p/pyproject.toml', PEP621, { extras: ['gpu'], groups: ['docs'] })
    expect(out.problems.map(p => p.message)).toEqual([
      'extra "gpu" is not declared (declared: probability, dev)',
      'dependency group "docs" is not declared (declared: test, lint)'
    ])
  })

  it('notes dynamic dependencies', () => {
    expect(
      readPyproject('/p/pyproject.toml', '[project]\nname="x"\ndynamic = ["dependencies"]\n', {
        extras: [],
        groups: []
      }).dynamic
    ).toBe(true)
  })
})

describe('Poetry constraints', () => {
  it.each([
    ['^2.15', '>=2.15,<3'],
    ['^0.2.3', '>=0.2.3,<0.3'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['~2.15', '>=2.15,<2.16'],
    ['~2.15.1', '>=2.15.1,<2.16'],
    ['*', ''],
    ['2.15.0', '==2.15.0'],
    ['2.15.*', '==2.15.*'],
    ['>=2.15,<2.16', '>=2.15,<2.16'],
    ['>= 2.15 < 2.16', '>=2.15,<2.16'],
    ['~=2.15.0', '~=2.15.0']
  ])('%s → %s', (poetry, pep440) => {
    expect(poetryToPep440(poetry)).toBe(pep440)
  })
  it('has no single PEP 440 form for alternatives', () => {
    expect(poetryToPep440('^1.0 || ^2.0')).toBeUndefined()
  })
})

describe('Poetry multiple-constraint dependencies and extras not selected', () => {
  const MULTI = `[tool.poetry]
name = "demo"

[tool.poetry.dependencies]
python = "^3.9"
tensorflow = [
  { version = "~2.15.0", python = "<3.12" },
  { version = "^2.16", python = ">=3.12", markers = "sys_platform != 'win32'" },
  { version = "2.13.0", platform = "darwin" },
]
tensorflow-probability = { version = "0.23.0", optional = true }
keras = { version = "2.15.0", optional = true }

[tool.poetry.extras]
prob = ["tensorflow-probability"]
legacy = ["keras", "tensorflow-probability"]
`

  it('turns each table’s python and platform keys into its marker', () => {
    const out = readPyproject('/p/pyproject.toml', MULTI, { extras: [], groups: [] })
    expect(out.requirements.map(r => [r.key, r.specifier, r.marker])).toEqual([
      ['tensorflow', '>=2.15.0,<2.16', 'python_version < "3.12"'],
      ['tensorflow', '>=2.16,<3', `(sys_platform != 'win32') and (python_version >= "3.12")`],
      ['tensorflow', '==2.13.0', 'sys_platform == "darwin"']
    ])
  })

  it('keeps the requirements of unselected extras aside, each extra with its own', () => {
    const out = readPyproject('/p/pyproject.toml', MULTI, { extras: ['prob'], groups: [] })
    expect(out.requirements.map(r => r.key)).toContain('tensorflow-probability')
    expect(out.optional.map(g => [g.extra, g.requirements.map(r => r.key)])).toEqual([
      ['legacy', ['keras']] // tensorflow-probability is installed already, with prob
    ])
    const pep621 = readPyproject('/p/pyproject.toml', PEP621, { extras: [], groups: [] })
    expect(pep621.optional.map(g => [g.extra, g.requirements.map(r => [r.key, r.location.line])])).toEqual([
      ['probability', [['tensorflow-probability', 12]]],
      ['dev', [['pytest', 13]]]
    ])
  })

  it.each([
    ['^3.9', 'python_version >= "3.9" and python_version < "4"'],
    ['>=3.8,<3.12', 'python_version >= "3.8" and python_version < "3.12"'],
    ['3.11', 'python_version == "3.11"'],
    ['3.11.*', 'python_version == "3.11"'],
    ['~3.10.2', 'python_full_version >= "3.10.2" and python_version < "3.11"'],
    ['*', '']
  ])('python = %j → %s', (constraint, marker) => {
    expect(pythonMarker(constraint)).toBe(marker)
  })
})
