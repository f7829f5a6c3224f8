/** User settings that point CBR Explorer at the emulator. */
export function emulatorSettings(endpoints: { iam: string; cbr: string; gaussdb: string }, regions: string[]): Record<string, unknown> {
  return {
    'cbr.cloud': 'custom',
    'cbr.regions': regions,
    'cbr.endpoints': endpoints,
  };
}

const NOISE = [
  /^\s+at /,
  /open-vsx\.org/,
  /^Creating a socket/,
  /^Resolv(ing|ed) connection token/,
  /^\[Service Worker\]/,
  /^ChatSessionStore/,
  /^Updating additional builtin extensions cache/,
  /^\[lifecycle\]/,
  /Long running operations during shutdown/,
  /^%c/,
  // Shutdown cancels the workbench's pending file reads.
  /^Canceled$/,
  /^Unable to read file .*\(Canceled: Canceled\)$/,
];

/** Workbench chatter that the browser console forwards along with the extension host's output. */
export function isWorkbenchNoise(text: string): boolean {
  return NOISE.some((re) => re.test(text));
}
