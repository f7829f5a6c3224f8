/**
 * A small stand-in for the `vscode` module, so the VS Code-facing code (tree, commands, ui,
 * tracking UI, auth) runs under plain mocha in milliseconds (as colab-vscode's
 * src/test/helpers/vscode.ts does). It implements the values the extension uses and records what
 * a user would have seen: messages, status bar items, quick inputs, executed commands.
 * `register.ts` makes `require('vscode')` resolve here; `resetVsCode()` runs before each test.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    const entry: Listener<T> = (e) => listener(e);
    this.listeners.add(entry);
    return new Disposable(() => this.listeners.delete(entry));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) {
      l(e);
    }
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  value: string;
  isTrusted?: boolean;
  supportThemeIcons?: boolean;
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string; role?: string };
  resourceUri?: Uri;
  constructor(
    public label: string | { label: string },
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, u.pathname, u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}
export enum InputBoxValidationSeverity {
  Info = 1,
  Warning = 2,
  Error = 3,
}
export enum QuickPickItemKind {
  Separator = -1,
  Default = 0,
}
export enum ExtensionMode {
  Production = 1,
  Development = 2,
  Test = 3,
}

export class CancellationError extends Error {}

// ------------------------------------------------------------------ what the user saw

export interface ShownNotification {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
  modal: boolean;
  detail?: string;
}

export interface FakeStatusBarItem {
  id: string;
  name?: string;
  text: string;
  tooltip?: string | MarkdownString;
  command?: string | { command: string; title: string; arguments?: unknown[] };
  backgroundColor?: ThemeColor;
  accessibilityInformation?: { label: string };
  visible: boolean;
  disposed: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

export interface FakeQuickInput {
  kind: 'quickPick' | 'inputBox';
  title?: string;
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  prompt?: string;
  value: string;
  password: boolean;
  busy: boolean;
  enabled: boolean;
  items: readonly any[];
  activeItems: readonly any[];
  selectedItems: readonly any[];
  canSelectMany: boolean;
  validationMessage?: string;
  buttons: readonly unknown[];
  visible: boolean;
  /** The user types (fires onDidChangeValue). */
  type(value: string): void;
  accept(): void;
  /** Picks the items (by predicate) and accepts. */
  choose(predicate: (item: any) => boolean): void;
  back(): void;
  hide(): void;
}

/** Answers the next notification(s): a function from what was shown to the action to pick. */
type NotificationAnswer = (n: ShownNotification) => string | undefined;

export const recorded = {
  notifications: [] as ShownNotification[],
  statusBarItems: [] as FakeStatusBarItem[],
  quickInputs: [] as FakeQuickInput[],
  executed: [] as { command: string; args: unknown[] }[],
  clipboard: '',
  opened: [] as string[],
  statusMessages: [] as string[],
  contexts: new Map<string, unknown>(),
};

let answerNotification: NotificationAnswer = () => undefined;
const registeredCommands = new Map<string, (...args: unknown[]) => unknown>();
const configuration = new Map<string, unknown>();
const configChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const quickInputShown = new EventEmitter<FakeQuickInput>();

/** Back to a fresh window: no messages, no commands, default settings. */
export function resetVsCode(): void {
  recorded.notifications.length = 0;
  recorded.statusBarItems.length = 0;
  recorded.quickInputs.length = 0;
  recorded.executed.length = 0;
  recorded.clipboard = '';
  recorded.opened.length = 0;
  recorded.statusMessages.length = 0;
  recorded.contexts.clear();
  registeredCommands.clear();
  configuration.clear();
  answerNotification = () => undefined;
}

export function answerNotifications(answer: NotificationAnswer): void {
  answerNotification = answer;
}

/** Sets `section.key` settings as the user would, firing onDidChangeConfiguration. */
export function setConfiguration(values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    configuration.set(k, v);
  }
  configChanged.fire({ affectsConfiguration: (s) => Object.keys(values).some((k) => k === s || k.startsWith(`${s}.`)) });
}

/** Resolves when the next quick input (pick or box) is shown. */
export function nextQuickInput(): Promise<FakeQuickInput> {
  return new Promise((resolve) => {
    const sub = quickInputShown.event((q) => {
      sub.dispose();
      resolve(q);
    });
  });
}

// ------------------------------------------------------------------ namespaces

function notify(severity: ShownNotification['severity']) {
  return (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    let modal = false;
    let detail: string | undefined;
    const actions: string[] = [];
    for (const r of rest) {
      if (typeof r === 'string') {
        actions.push(r);
      } else if (r && typeof r === 'object' && 'title' in r) {
        actions.push(String((r as { title: string }).title));
      } else if (r && typeof r === 'object') {
        modal = Boolean((r as { modal?: boolean }).modal);
        detail = (r as { detail?: string }).detail;
      }
    }
    const shown: ShownNotification = { severity, message, actions, modal, detail };
    recorded.notifications.push(shown);
    return Promise.resolve(answerNotification(shown));
  };
}

function makeQuickInput(kind: FakeQuickInput['kind']): FakeQuickInput & Record<string, any> {
  const accept = new EventEmitter<void>();
  const change = new EventEmitter<string>();
  const hide = new EventEmitter<void>();
  const button = new EventEmitter<unknown>();
  const changeActive = new EventEmitter<readonly unknown[]>();
  const q: FakeQuickInput & Record<string, any> = {
    kind,
    value: '',
    password: false,
    busy: false,
    enabled: true,
    items: [],
    activeItems: [],
    selectedItems: [],
    canSelectMany: false,
    buttons: [],
    visible: false,
    ignoreFocusOut: false,
    matchOnDescription: false,
    matchOnDetail: false,
    onDidAccept: accept.event,
    onDidChangeValue: change.event,
    onDidHide: hide.event,
    onDidTriggerButton: button.event,
    onDidChangeActive: changeActive.event,
    onDidChangeSelection: new EventEmitter<unknown>().event,
    show() {
      if (!q.visible) {
        q.visible = true;
        recorded.quickInputs.push(q);
        quickInputShown.fire(q);
      }
    },
    hide() {
      if (q.visible) {
        q.visible = false;
        hide.fire();
      }
    },
    dispose() {
      q.visible = false;
    },
    type(value: string) {
      q.value = value;
      change.fire(value);
    },
    accept() {
      accept.fire();
    },
    choose(predicate: (item: any) => boolean) {
      const chosen = q.items.filter(predicate);
      if (q.canSelectMany) {
        q.selectedItems = chosen;
      } else {
        q.activeItems = chosen.slice(0, 1);
      }
      accept.fire();
    },
    back() {
      button.fire(QuickInputButtons.Back);
    },
  };
  return q;
}

export const QuickInputButtons = { Back: { iconPath: new ThemeIcon('arrow-left') } };

export const window = {
  showInformationMessage: notify('info'),
  showWarningMessage: notify('warning'),
  showErrorMessage: notify('error'),
  setStatusBarMessage: (text: string) => {
    recorded.statusMessages.push(text);
    return new Disposable();
  },
  createStatusBarItem: (id: string) => {
    const item: FakeStatusBarItem = {
      id,
      text: '',
      visible: false,
      disposed: false,
      show: () => void (item.visible = true),
      hide: () => void (item.visible = false),
      dispose: () => {
        item.disposed = true;
        item.visible = false;
      },
    };
    recorded.statusBarItems.push(item);
    return item;
  },
  createQuickPick: () => makeQuickInput('quickPick'),
  createInputBox: () => makeQuickInput('inputBox'),
  withProgress: async <R>(_options: unknown, task: (progress: { report(v: unknown): void }, token: { isCancellationRequested: boolean; onCancellationRequested: (l: () => void) => Disposable }) => Promise<R>): Promise<R> =>
    task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable() }),
  createOutputChannel: (name: string) => {
    const lines: string[] = [];
    const log = (level: string) => (message: string) => void lines.push(`[${level}] ${message}`);
    return { name, lines, info: log('info'), warn: log('warning'), error: log('error'), debug: log('debug'), trace: log('trace'), appendLine: log('info'), show: () => undefined, dispose: () => undefined };
  },
  createTreeView: () => ({ reveal: () => Promise.resolve(), dispose: () => undefined, onDidChangeVisibility: new EventEmitter().event, onDidExpandElement: new EventEmitter().event, onDidCollapseElement: new EventEmitter().event }),
  showTextDocument: () => Promise.resolve({}),
};

export const commands = {
  registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
    registeredCommands.set(id, handler);
    return new Disposable(() => registeredCommands.delete(id));
  },
  executeCommand: (command: string, ...args: unknown[]): Promise<unknown> => {
    recorded.executed.push({ command, args });
    if (command === 'setContext') {
      recorded.contexts.set(String(args[0]), args[1]);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(registeredCommands.get(command)?.(...args));
  },
};

export const workspace = {
  getConfiguration: (section?: string) => ({
    get: <T>(key: string, dflt?: T): T | undefined => {
      const full = section ? `${section}.${key}` : key;
      return configuration.has(full) ? (configuration.get(full) as T) : dflt;
    },
    update: (key: string, value: unknown) => {
      setConfiguration({ [section ? `${section}.${key}` : key]: value });
      return Promise.resolve();
    },
  }),
  onDidChangeConfiguration: configChanged.event,
  registerTextDocumentContentProvider: () => new Disposable(),
  openTextDocument: (uri: Uri) => Promise.resolve({ uri }),
};

export const env = {
  language: 'en',
  clipboard: {
    writeText: (text: string) => {
      recorded.clipboard = text;
      return Promise.resolve();
    },
    readText: () => Promise.resolve(recorded.clipboard),
  },
  openExternal: (uri: Uri) => {
    recorded.opened.push(uri.toString());
    return Promise.resolve(true);
  },
};

/** English l10n with `{0}` placeholders, as VS Code does without a bundle. */
export const l10n = {
  t: (message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string => {
    const text = typeof message === 'string' ? message : message.message;
    const values = typeof message === 'string' ? args : (message.args ?? []);
    const flat = values.length === 1 && typeof values[0] === 'object' && values[0] !== null && !Array.isArray(values[0]) ? values[0] : values;
    return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const v = (flat as Record<string, unknown>)[key];
      return v === undefined ? whole : typeof v === 'string' ? v : JSON.stringify(v);
    });
  },
};
