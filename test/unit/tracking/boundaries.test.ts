import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..', '..', 'src', 'tracking');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('tracking: layout rules', () => {
  it('the core imports no vscode, and nothing in tracking imports from src/commands or src/tree', () => {
    for (const file of sources(root)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file);
      if (rel.startsWith(`core${path.sep}`)) {
        assert.doesNotMatch(text, /from 'vscode'/, `${rel} imports vscode`);
      }
      assert.doesNotMatch(text, /from '(\.\.\/)+(commands|tree)(\/|')/, `${rel} imports from src/commands or src/tree`);
    }
  });

  it('no tracking file is over 300 lines', () => {
    for (const file of sources(root)) {
      const lines = fs.readFileSync(file, 'utf8').split('\n').length;
      assert.ok(lines <= 300, `${path.relative(root, file)} has ${lines} lines`);
    }
  });
});
