/**
 * Footprint figures for `npm run bench` (issue 13): what the shipped bundle and VSIX weigh, what
 * loading the bundle costs in plain Node, and the activation time VS Code itself shows for CBR
 * Explorer next to built-in extensions in the same window. Numbers to write down, never asserted.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/codeServer';

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN);
};

export interface Sizes {
  bundleBytes: number;
  vsixBytes: number;
}

/** Builds the production bundle and the VSIX exactly as `npm run package` does. */
export function packageSizes(): Sizes {
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, stdio: 'ignore' });
  return {
    bundleBytes: fs.statSync(path.join(REPO_ROOT, 'dist', 'extension.js')).size,
    vsixBytes: fs.statSync(path.join(REPO_ROOT, 'cbr-explorer.vsix')).size,
  };
}

/**
 * Loads the bundle in a fresh Node `runs` times with `vscode` stubbed, and takes the median of
 * the CPU time `require()` took (less disturbed by other processes than wall time). Node's
 * network modules are loaded first: the extension host has them loaded already.
 */
export function moduleEvaluation(runs = 10): { cpuMs: number; wallMs: number } {
  const probe = `
    for (const m of ['http', 'https', 'stream', 'zlib', 'url', 'crypto', 'util', 'events', 'net', 'tls', 'os', 'path', 'fs']) require(m);
    const Module = require('module');
    const stub = new Proxy(function () {}, { get: (t, k) => (k === 'then' ? undefined : stub), apply: () => stub, construct: () => stub });
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
    const c0 = process.cpuUsage(); const t0 = performance.now();
    require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'extension.js'))});
    const c = process.cpuUsage(c0);
    process.stdout.write(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 }));`;
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as { cpuMs: number; wallMs: number };
    cpu.push(r.cpuMs);
    wall.push(r.wallMs);
  }
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

/** Extensions whose activation VS Code reports, by display name, in milliseconds. */
export type ActivationTimes = Record<string, number>;

/**
 * Opens code-server with the extension (the production bundle), opens its view, and reads
 * "Developer: Show Running Extensions" after each of `reloads` window reloads. Returns the median
 * per extension over the reloads.
 */
export async function vsCodeActivation(reloads = 4): Promise<{ medians: ActivationTimes; samples: ActivationTimes[] }> {
  // Loaded here: playwright and code-server are only needed for this figure.
  const { openVsCode, openExplorerView, reloadWindow, runCommand } = await import('../ui/workbench');
  const ui = await openVsCode();
  const samples: ActivationTimes[] = [];
  try {
    for (let i = 0; i <= reloads; i++) {
      if (i > 0) {
        await runCommand(ui.page, 'View: Close All Editors');
        await reloadWindow(ui);
        await ui.page.waitForTimeout(3000); // the restored side bar settles before it is looked at
      }
      await openExplorerView(ui.page);
      await ui.page.locator('.sidebar .monaco-list-row, .welcome-view-content').first().waitFor({ timeout: 60_000 });
      await runCommand(ui.page, 'Developer: Show Running Extensions');
      const rows = ui.page.locator('.runtime-extensions-editor .monaco-list-row');
      await rows.first().waitFor({ timeout: 30_000 });
      await ui.page.waitForTimeout(500); // the list fills in as the host reports
      const read = await rows.evaluateAll((els) =>
        els.map((el) => ({ name: el.querySelector('.name')?.textContent ?? '', time: el.querySelector('.activation-time')?.textContent ?? '' })),
      );
      const times: ActivationTimes = {};
      for (const { name, time } of read) {
        const ms = /(\d+)\s*ms/.exec(time);
        if (name && ms?.[1]) {
          times[name] = Number(ms[1]);
        }
      }
      if (i > 0) {
        samples.push(times); // the first window also warms code-server's caches
      }
      if (i === reloads) {
        await ui.screenshot('90-bench-running-extensions');
      }
    }
  } finally {
    await ui.close();
  }
  const names = new Set(samples.flatMap((s) => Object.keys(s)));
  const medians: ActivationTimes = {};
  for (const name of names) {
    medians[name] = median(samples.map((s) => s[name]).filter((v): v is number => v !== undefined));
  }
  return { medians, samples };
}
