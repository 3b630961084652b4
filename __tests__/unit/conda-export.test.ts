// A conda environment saved as requirements.txt: one problem for the file, read by the pip-exact reader.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function read(text: string) {
  const dir = scratchDir('conda')
  writeFileSync(path.join(dir, 'requirements.txt'), text)
  return readRequirementFiles([path.join(dir, 'requirements.txt')], { cwd: dir, root: dir })
}

describe('conda exports', () => {
  it.each([
    [
      'conda list --export',
      '# This file may be used to create an environment using:\n# $ conda create --name <env> --file <this file>\n# platform: linux-64\n_libgcc_mutex=0.1=main\nnumpy=1.26.4=py311h08b1b3b_0\ntensorflow=2.15.0=pypi_0\n',
      2
    ],
    ['conda list --export', 'numpy=1.26.4=py311h08b1b3b_0\nh5py=3.10.0=nompi_py311h\nabsl-py=2.1.0=pypi_0\n', 1],
    [
      'conda env export',
      'name: ml\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11.7\n  - numpy=1.26.4\n  - pip:\n    - tensorflow==2.15.1\nprefix: /opt/conda/envs/ml\n',
      1
    ],
    [
      'conda list',
      '# packages in environment at /opt/conda/envs/ml:\n#\n# Name                    Version                   Build  Channel\nnumpy                     1.26.4          py311h64a7726_0    conda-forge\ntensorflow                2.15.0                   pypi_0    pypi\n',
      1
    ]
  ])('%s output is one conda-export problem for the file, at its first telling line', (form, text, line) => {
    const set = read(text)
    expect(set.requirements).toEqual([])
    expect(set.problems).toEqual([
      expect.objectContaining({
        kind: 'conda-export',
        location: expect.objectContaining({ line }),
        message: expect.stringContaining(`\`${form}\``)
      })
    ])
  })

  it.each([
    'numpy=1.26.4\ntensorflow==2.15.1\nkeras==2.15.0\n', // one typo among pip lines
    'tensorflow==2.15.1\n# platform: linux-64 is what we deploy on\nkeras==2.15.0\n' // a header-like comment over pip lines
  ])('a pip file with a conda-looking line is still read line by line: %j', text => {
    const set = read(text)
    expect(set.problems.every(p => p.kind === 'syntax')).toBe(true)
    expect(set.requirements.map(r => r.key)).toContain('tensorflow')
  })
})
