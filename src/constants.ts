/** Ids shared by package.json and the code; test/unit/manifest.test.ts checks that both agree. */
export const EXTENSION_ID = 'cbr-explorer.cbr-explorer';

export const Commands = {
  signIn: 'cbr.signIn',
  signOut: 'cbr.signOut',
  /** The whole view (title button, palette): whatever row VS Code passes along is ignored. */
  refresh: 'cbr.refresh',
  /** One row and what is under it (the row's context menu). */
  refreshItem: 'cbr.refreshItem',
  search: 'cbr.search',
  /** An operation's row, selected: reveal the restore point or vault it was about. */
  showOperationTarget: 'cbr.showOperationTarget',
  openSettings: 'cbr.openSettings',
  showLog: 'cbr.showLog',
  loadMore: 'cbr.loadMore',
  retryLoad: 'cbr.retryLoad',
  copyId: 'cbr.copyId',
  showDetails: 'cbr.showDetails',
  /** The raw JSON behind a details page (its editor's title button). */
  showRawDetails: 'cbr.showRawDetails',
  openInConsole: 'cbr.openInConsole',
  showInFlight: 'cbr.showInFlight',
  createCheckpoint: 'cbr.createCheckpoint',
  createInstanceBackup: 'cbr.createInstanceBackup',
  replicate: 'cbr.replicate',
  createVault: 'cbr.createVault',
  addResources: 'cbr.addResources',
  restoreBackup: 'cbr.restoreBackup',
  addRegions: 'cbr.addRegions',
  whoAmI: 'cbr.whoAmI',
  /** View filters (the view's title menu): each toggles; Clear turns either off. */
  filterFailed: 'cbr.filterFailed',
  filterInProgress: 'cbr.filterInProgress',
  clearFilter: 'cbr.clearFilter',
  deleteBackups: 'cbr.deleteBackups',
  removeResources: 'cbr.removeResources',
  deleteVault: 'cbr.deleteVault',
  deleteInstanceBackup: 'cbr.deleteInstanceBackup',
  restoreInstance: 'cbr.restoreInstance',
  enablePolicy: 'cbr.enablePolicy',
  disablePolicy: 'cbr.disablePolicy',
  applyPolicy: 'cbr.applyPolicy',
  removePolicy: 'cbr.removePolicy',
  deletePolicy: 'cbr.deletePolicy',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ContextKeys = {
  signedIn: 'cbr.signedIn',
  /** Set once the stored credentials were read, so a signed-in user never sees the sign-in welcome flash. */
  ready: 'cbr.ready',
  /** Signed in or not, cbr.regions names no region: the view's welcome offers to add some. */
  noRegions: 'cbr.noRegions',
  /** The view filter in force: 'failed', 'inProgress' or '' (src/tree/filters.ts). */
  filter: 'cbr.filter',
} as const;

export const Views = {
  container: 'cbr-explorer',
  explorer: 'cbr.explorer',
} as const;

export const SECRET_KEY = 'cbr.credentials';
export const CONFIG_SECTION = 'cbr';
