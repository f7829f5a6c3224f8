import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consoleUrl } from '../../../src/tree/consoleLinks';
import { consoleUrlOf } from '../../../src/tree/treeCommands';
import { Nodes } from '../../../src/tree/nodes';
import { anInstance, aResource, aVault } from './fixtures';

const SERVER = '97595625-198e-4e4d-879b-9d53f68ba551';
const DISK = 'c7a8e3b2-5d4f-4a1e-9b6c-2f3e4d5a6b70';

describe('unit: console links', () => {
  it('defect 11: every item opens its own console page per cloud, and nothing without a stable page', () => {
    const table: [Parameters<typeof consoleUrl>, string | undefined][] = [
      [['huaweicloud', 'ap-southeast-1', { kind: 'vault', objectType: 'server' }], 'https://console.huaweicloud.com/cbr/?region=ap-southeast-1#/cbr/manager/csbs/vaultList'],
      [['huaweicloud', 'ap-southeast-1', { kind: 'vault', objectType: 'disk' }], 'https://console.huaweicloud.com/cbr/?region=ap-southeast-1#/cbr/manager/vbs/vaultList'],
      [['huaweicloud', 'ap-southeast-1', { kind: 'vault', objectType: 'turbo' }], 'https://console.huaweicloud.com/cbr/?region=ap-southeast-1#/cbr/manager/sfs/vaultList'],
      [['opentelekomcloud', 'eu-de', { kind: 'vault', objectType: 'disk' }], 'https://console.otc.t-systems.com/cbr/?region=eu-de#/cbr/manager/vbs/vaultList'],
      [['huaweicloud', 'ap-southeast-1', { kind: 'resource', type: 'OS::Nova::Server', id: SERVER }], `https://console.huaweicloud.com/ecm/?region=ap-southeast-1#/ecs/detail?instanceId=${SERVER}`],
      [['opentelekomcloud', 'eu-nl', { kind: 'resource', type: 'OS::Nova::Server', id: SERVER }], `https://console.otc.t-systems.com/ecm/?region=eu-nl#/ecs/detail?instanceId=${SERVER}`],
      [['huaweicloud', 'ap-southeast-1', { kind: 'resource', type: 'OS::Cinder::Volume', id: DISK }], `https://console.huaweicloud.com/ecm/?region=ap-southeast-1#/evs/detail?volumeId=${DISK}`],
      [['opentelekomcloud', 'eu-de', { kind: 'resource', type: 'OS::Cinder::Volume', id: DISK }], `https://console.otc.t-systems.com/ecm/?region=eu-de#/evs/detail?volumeId=${DISK}`],
      [['huaweicloud', 'ap-southeast-1', { kind: 'instance', id: '07033b125fd94a8a96896f8bcfee6ddain07' }], 'https://console.huaweicloud.com/gaussdb/?region=ap-southeast-1#/gaussdb/management/info?id=07033b125fd94a8a96896f8bcfee6ddain07'],
      // No stable page: OTC's GaussDB is TaurusDB with another console, a file system has no details route, custom endpoints have no console.
      [['opentelekomcloud', 'eu-de', { kind: 'instance', id: '07033b125fd94a8a96896f8bcfee6ddain07' }], undefined],
      [['huaweicloud', 'ap-southeast-1', { kind: 'resource', type: 'OS::Sfs::Turbo', id: DISK }], undefined],
      [['huaweicloud', 'ap-southeast-1', { kind: 'vault', objectType: undefined }], undefined],
      [['custom', 'ap-southeast-1', { kind: 'vault', objectType: 'server' }], undefined],
      [['custom', 'ap-southeast-1', { kind: 'resource', type: 'OS::Nova::Server', id: SERVER }], undefined],
    ];
    for (const [args, expected] of table) {
      assert.equal(consoleUrl(...args), expected, JSON.stringify(args));
    }
  });

  it('defect 11: a disk resource opens the disk page, never the server vault list; restore points and backups have none', () => {
    const vault = Nodes.vault('ap-southeast-1', undefined, aVault());
    const disk = Nodes.resource(Nodes.resources(vault), aResource({ id: DISK, type: 'OS::Cinder::Volume' }));
    assert.match(consoleUrlOf('huaweicloud', disk) ?? '', /#\/evs\/detail\?volumeId=c7a8e3b2-/);
    assert.equal(consoleUrlOf('huaweicloud', Nodes.checkpoints(vault)), undefined);
    const instance = Nodes.instance(Nodes.instances('ap-southeast-1', undefined), anInstance());
    assert.match(consoleUrlOf('huaweicloud', instance) ?? '', /gaussdb/);
  });

  it('defect 11: the menu offers Open in Cloud Console only for the kinds and clouds that have a page', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const whens = manifest.contributes.menus['view/item/context'].filter((m) => m.command === 'cbr.openInConsole').map((m) => m.when);
    assert.deepEqual(whens, [
      'view == cbr.explorer && viewItem =~ /^(vault(:replication)?|resource)$/ && config.cbr.cloud != custom',
      'view == cbr.explorer && viewItem == instance && config.cbr.cloud == huaweicloud',
    ]);
    const palette = manifest.contributes.menus.commandPalette.find((m) => m.command === 'cbr.openInConsole');
    assert.equal(palette?.when, 'false');
  });
});
