import { describe, expect, it } from '@jest/globals'
import { poetryToPep440 } from '../../src/requirements/poetry.js'
import { readPyproject } from '../../src/requirements/pyproject.js'

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
