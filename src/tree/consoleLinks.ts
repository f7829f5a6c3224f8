/**
 * Where "Open in Cloud Console" goes: the item's own page in the web console of its cloud, or
 * nothing when the console has no stable address for it (then the command is not offered:
 * package.json `view/item/context` matches the same kinds and clouds as `consoleTarget`).
 *
 * Both consoles are the same application on different hosts (Open Telekom Cloud's is built from
 * Huawei Cloud's), so the routes below are shared; a route is listed only where the console opens
 * the page from its address alone, with the region in `?region=`:
 * - CBR keeps server, disk and file-system vaults in separate lists (csbs, vbs, sfs); a vault has
 *   no page of its own, so its type's list is opened;
 * - a server opens its ECS details page (`#/ecs/detail?instanceId=`), a disk its EVS details page
 *   (`#/evs/detail?volumeId=`);
 * - a GaussDB(for MySQL) instance opens its basic information page; only Huawei Cloud has that
 *   console (Open Telekom Cloud sells the service as TaurusDB, with another console).
 * Custom endpoints have no console at all.
 */
export type ConsoleCloud = 'huaweicloud' | 'opentelekomcloud' | 'custom';

const HOSTS: Record<Exclude<ConsoleCloud, 'custom'>, string> = {
  huaweicloud: 'https://console.huaweicloud.com',
  opentelekomcloud: 'https://console.otc.t-systems.com',
};

/** What a console page is for, reduced to what the routes need (matched by shape, so the tree stays independent). */
export type ConsoleItem =
  | { kind: 'vault'; objectType: string | undefined }
  | { kind: 'resource'; type: string; id: string }
  | { kind: 'instance'; id: string };

/** CBR's vault lists by the vault's `billing.object_type`. */
const VAULT_LISTS: Record<string, string> = { server: 'csbs', disk: 'vbs', turbo: 'sfs' };

/** The console page of an item, or undefined when its cloud's console has none. */
export function consoleUrl(cloud: ConsoleCloud, region: string, target: ConsoleItem): string | undefined {
  if (cloud === 'custom') {
    return undefined;
  }
  const host = HOSTS[cloud];
  const r = encodeURIComponent(region);
  switch (target.kind) {
    case 'vault': {
      const list = VAULT_LISTS[target.objectType ?? ''];
      return list ? `${host}/cbr/?region=${r}#/cbr/manager/${list}/vaultList` : undefined;
    }
    case 'resource':
      if (target.type === 'OS::Nova::Server') {
        return `${host}/ecm/?region=${r}#/ecs/detail?instanceId=${encodeURIComponent(target.id)}`;
      }
      if (target.type === 'OS::Cinder::Volume') {
        return `${host}/ecm/?region=${r}#/evs/detail?volumeId=${encodeURIComponent(target.id)}`;
      }
      return undefined;
    case 'instance':
      return cloud === 'huaweicloud' ? `${host}/gaussdb/?region=${r}#/gaussdb/management/info?id=${encodeURIComponent(target.id)}` : undefined;
  }
}
