import { strict as assert } from 'node:assert';
import type { ProtectableInstance } from '../../../src/api';
import { pickResources, type Protectables } from '../../../src/commands/addResources';
import { pickList, type PickItem, type PickList } from '../../../src/ui/prompter';
import type { Ask } from '../../../src/ui/wizard';
import { ThemeIcon } from '../vscode/stub';

const server = (name: string, protectable: boolean): ProtectableInstance => ({ id: `id-${name}`, name, type: 'OS::Nova::Server', protectable, reason: protectable ? undefined : 'in vault-prod', children: [], raw: {} });

describe('unit: picker labels', () => {
  it('defect 19: a resource already in a vault shows a lock icon, not "$(lock)" in the label a screen reader reads', async () => {
    let offered: readonly PickItem<ProtectableInstance>[] = [];
    const free = server('db-01', true);
    const ask = {
      title: 'Associate',
      step: 1,
      totalSteps: 1,
      pickMany: async <T>(q: { items: readonly PickItem<T>[] | Promise<PickList<T>> }) => {
        offered = pickList(await q.items, undefined).items as unknown as PickItem<ProtectableInstance>[];
        return [free] as unknown as T[];
      },
    } as unknown as Ask;
    const list: Protectables = { type: 'server', free: [free], taken: [server('web-01', false)] };
    await pickResources(ask, Promise.resolve(list), 'vault-new');
    assert.deepEqual(offered.map((i) => i.label), ['db-01', 'web-01']);
    assert.ok(!offered.some((i) => i.label.includes('$(')), 'no icon syntax in a label');
    const locked = offered[1];
    assert.ok(locked?.iconPath instanceof ThemeIcon && locked.iconPath.id === 'lock', 'the lock is an icon');
    assert.equal(locked?.description, 'in vault-prod', 'the reason is said in words');
  });
});
