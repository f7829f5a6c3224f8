import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Command ids registered in src/constants.ts, read as text (that module is compiled for VS Code). */
function registeredCommandIds(): string[] {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'constants.ts'), 'utf8');
  const block = /export const Commands = \{([\s\S]*?)\} as const/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/'(cbr\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
}

function nlsKeysUsed(value: unknown, keys: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m?.[1]) {
      keys.add(m[1]);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => nlsKeysUsed(v, keys));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => nlsKeysUsed(v, keys));
  }
  return keys;
}

describe('package.json', () => {
  it('contributes exactly the commands the code registers, each with a category', () => {
    const contributed = (pkg.contributes.commands as { command: string; category: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, registeredCommandIds());
    for (const c of pkg.contributes.commands as { command: string; category: string }[]) {
      assert.equal(c.category, 'CBR', `${c.command} has the CBR category`);
    }
  });

  it('never activates eagerly', () => {
    const events = (pkg.activationEvents ?? []) as string[];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
  });

  it('keeps every setting that decides where credentials go out of workspace reach', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const key of ['cbr.cloud', 'cbr.regions', 'cbr.projectIds', 'cbr.endpoints']) {
      assert.ok(['application', 'machine'].includes(props[key]?.scope ?? ''), `${key} is application or machine scoped`);
    }
    assert.ok(pkg.capabilities.untrustedWorkspaces, 'declares Workspace Trust support');
  });

  it('has a string in package.nls.json for every %key% in the manifest, in every language', () => {
    const used = [...nlsKeysUsed(pkg)].sort();
    for (const key of used) {
      assert.ok(nls[key], `package.nls.json has ${key}`);
    }
    for (const file of fs.readdirSync(ROOT).filter((f) => /^package\.nls\..+\.json$/.test(f))) {
      const translated = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(translated).sort(), Object.keys(nls).sort(), `${file} translates every key`);
    }
  });

  it('shows the sign-in welcome only while signed out, once the stored credentials were read', () => {
    const welcome = (pkg.contributes.viewsWelcome as { view: string; when: string; contents: string }[]).find((w) => w.view === 'cbr.explorer');
    assert.equal(welcome?.when, 'cbr.ready && !cbr.signedIn');
    assert.match(nls[welcome.contents.replace(/%/g, '')] ?? '', /\[Sign in\]\(command:cbr\.signIn\)/);
  });
});

describe('the .vsix', function () {
  this.timeout(60_000);

  it('holds only the bundle, media, manifest, l10n, README, CHANGELOG and licence', () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'rrule.js'))) {
      execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT });
    }
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const allowed = [/^dist\/extension\.js$/, /^dist\/rrule\.js$/, /^media\/[^/]+\.(svg|png)$/, /^l10n\/bundle\.l10n\.[a-z-]+\.json$/, /^package\.json$/, /^package\.nls(\.[a-z-]+)?\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/];
    for (const file of files) {
      assert.ok(allowed.some((re) => re.test(file)), `${file} should not be in the .vsix`);
    }
    for (const required of ['dist/extension.js', 'dist/rrule.js', 'package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/cbr.svg']) {
      assert.ok(files.includes(required), `${required} is in the .vsix`);
    }
  });
});
