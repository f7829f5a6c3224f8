import * as vscode from 'vscode';
import { knownRegions, regionDisplayName, type CloudKind } from '../api';
import { BACK, isBack, type Back, type PickItem } from '../ui/prompter';
import type { Ask } from '../ui/wizard';

/** The shape of a region id (`ap-southeast-1`, `eu-de`), as src/api/endpoints.ts checks it. */
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** The pick's item that asks for a region id the list does not have. */
const OTHER = '\u0000other';

/** The regions offered for a cloud: its own, or both clouds' for custom endpoints (a private deployment). */
function offeredRegions(cloud: CloudKind): readonly string[] {
  return cloud === 'custom' ? [...knownRegions('huaweicloud'), ...knownRegions('opentelekomcloud')] : knownRegions(cloud);
}

/** The problem with a comma-separated list of region ids as typed, or undefined when each has a region's shape. */
export function checkRegionIds(value: string): string | undefined {
  const ids = splitRegionIds(value);
  if (ids.length === 0) {
    return vscode.l10n.t('Enter at least one region id, such as ap-southeast-1.');
  }
  const bad = ids.find((id) => !REGION_ID.test(id));
  return bad === undefined ? undefined : vscode.l10n.t('"{0}" is not a region id; a region id looks like ap-southeast-1 or eu-de.', bad);
}

export function splitRegionIds(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s.length > 0))];
}

/**
 * Several regions picked by name from the cloud's known regions, or typed (checked as typed) when
 * "Other region…" is picked. Regions in `exclude` (already configured) are not offered.
 */
export async function pickRegions(ask: Ask, cloud: CloudKind, exclude: readonly string[] = []): Promise<string[] | Back> {
  const items: PickItem<string>[] = offeredRegions(cloud)
    .filter((r) => !exclude.includes(r))
    .map((region) => ({ label: regionDisplayName(region) ?? region, description: region, value: region }));
  items.push({ label: vscode.l10n.t('Other region…'), detail: vscode.l10n.t('Type a region id the list does not have'), value: OTHER });
  for (;;) {
    const picked = await ask.pickMany<string>({ placeholder: vscode.l10n.t('Regions to show (pick one or more)'), items });
    if (isBack(picked)) {
      return BACK;
    }
    const listed = picked.filter((r) => r !== OTHER);
    if (!picked.includes(OTHER)) {
      if (listed.length > 0) {
        return listed;
      }
      continue; // nothing picked: ask again
    }
    const typed = await ask.input({ prompt: vscode.l10n.t('Region ids, separated by commas (for example ap-southeast-3)'), validate: checkRegionIds });
    if (!isBack(typed)) {
      return [...new Set([...listed, ...splitRegionIds(typed)])];
    }
  }
}
