/** The import rules of src/ (run by `npm run lint`): no cycles, arrows one way. `vscode` in the plain layers is ESLint's no-restricted-imports. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle in src/.', from: { path: '^src' }, to: { circular: true } },
    {
      name: 'commands-are-leaves',
      severity: 'error',
      comment: 'src/api, src/tree and src/tracking import nothing from src/commands.',
      from: { path: '^src/(api|tree|tracking)/' },
      to: { path: '^src/commands/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
