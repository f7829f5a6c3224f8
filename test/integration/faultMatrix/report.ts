/**
 * Results of the reliability suites, kept as JSON in test-results/reliability/ and rendered into
 * docs/reliability.md. Each suite writes its own file when CBR_WRITE_RELIABILITY=1; `npm run
 * reliability` runs the suites and then `render.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'reliability');

export const writingReliability = (): boolean => process.env.CBR_WRITE_RELIABILITY === '1';

export interface MatrixCell {
  row: string;
  column: string;
  /** What happened, in a few words: `ok`, `error timeout, unknown`, … */
  outcome: string;
  attempts: number;
  objects: number;
  elapsedMs: number;
  pass: boolean;
  /** Why it failed, when it did. */
  problem?: string;
  duplicated: boolean;
  /** The API layer said something the server state contradicts (done but nothing there, refused but made). */
  falseOutcome: boolean;
  redirectsFollowed: number;
  secretsFound: number;
}

export interface MatrixResults {
  rows: { id: string; label: string }[];
  columns: { id: string; label: string }[];
  cells: MatrixCell[];
  runMs: number;
}

export interface ActionResult {
  action: string;
  fault: string;
  /** What the user was told (severity: text, shortened). */
  told: string;
  /** Objects on the server after the action and after doing what the message suggested. */
  objectsAfter: number;
  objectsAfterFollowingAdvice: number;
  truthful: boolean;
  pass: boolean;
}

export interface ActionResults {
  results: ActionResult[];
  runMs: number;
}

export interface SecretsResults {
  credentialKinds: string[];
  placesSearched: string[];
  /** Secret kinds and where one was found (the secret itself never). */
  found: { secret: string; where: string }[];
  linesSearched: number;
  runMs: number;
}

export function saveResults(name: 'matrix' | 'actions' | 'secrets', data: unknown): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

export function loadResults<T>(name: 'matrix' | 'actions' | 'secrets'): T | undefined {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}
