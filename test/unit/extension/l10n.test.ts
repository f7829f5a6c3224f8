import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const LANGUAGES = ['zh-cn', 'pt-br'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Every literal passed to vscode.l10n.t / l10n.t in src (the English text is the key), and the
 * templates of the API layer's input rules, which the prompts translate through vscode.l10n.t.
 */
export function localizedStrings(): Set<string> {
  const keys = new Set<string>();
  const call = /\bl10n\.t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  const ruleTemplate = /\bt\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const pattern = file.endsWith(path.join('api', 'validation.ts')) ? ruleTemplate : call;
    for (const m of text.matchAll(pattern)) {
       
      const key: string = JSON.parse(`"${(m[2] ?? '').replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
      keys.add(key);
    }
  }
  return keys;
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('localisation', () => {
  const keys = localizedStrings();

  it('finds the strings the code shows', () => {
    assert.ok(keys.size > 20, `found ${keys.size} strings`);
    assert.ok(keys.has('Signed in to {0}.'));
    assert.ok(keys.has('The name must start with a letter.'), 'the input rules are read too');
  });

  for (const lang of LANGUAGES) {
    it(`translates every code string into ${lang}, keeping the placeholders`, () => {
      const file = path.join(ROOT, 'l10n', `bundle.l10n.${lang}.json`);
      const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      const missing = [...keys].filter((k) => !bundle[k]);
      assert.deepEqual(missing, [], `${path.basename(file)} lacks ${missing.length} strings`);
      for (const k of keys) {
        assert.deepEqual(placeholders(bundle[k] ?? ''), placeholders(k), `placeholders of "${k}" in ${lang}`);
      }
      const stale = Object.keys(bundle).filter((k) => !keys.has(k));
      assert.deepEqual(stale, [], `${path.basename(file)} has strings the code no longer uses`);
    });
  }
});
