import { type Finding } from '../../core/finding.js'
import { type PreflightContext } from '../context.js'

/** A conda environment export where a pip requirements file belongs: one finding for the file, not one per line. */
export function condaExport(ctx: PreflightContext): Finding[] {
  return ctx.problems
    .filter(p => p.kind === 'conda-export')
    .map(p => {
      const file = ctx.locator.relative(p.location.file)
      return {
        id: 'conda-export' as const,
        severity: 'error' as const,
        title: `${file} is a conda environment export, not a pip requirements file`,
        explanation:
          `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}. conda writes \`name=version=build\` lines (or YAML), ` +
          'with conda package names and builds; pip reads `name==version` lines of packages on PyPI. Nothing in the file was judged.',
        fix:
          'Write a pip file from that environment: `conda activate ENV && pip list --format=freeze > requirements.txt` ' +
          '(then drop lines for packages that came from conda only), and keep the conda file under another name ' +
          '(environment.yml) for `conda env create`.',
        locations: [{ file, line: p.location.line }],
        evidence: '',
        stage: 'preflight' as const,
        provenBy: 'install' as const
      }
    })
}
