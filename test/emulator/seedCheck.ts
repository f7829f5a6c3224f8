import { isCloudProfile } from './profile';
import type { SeedData } from './types';

/** A light structural check so a broken seed fails at start, not on the first request. */
export function checkSeed(seed: unknown): string | undefined {
  if (typeof seed !== 'object' || seed === null) {
    return 'not a JSON object';
  }
  const s = seed as Partial<SeedData>;
  if (s.cloud !== undefined && !isCloudProfile(s.cloud)) {
    return 'cloud must be huaweicloud or opentelekomcloud';
  }
  if (!Array.isArray(s.domains) || s.domains.length === 0) {
    return 'domains must be a non-empty array';
  }
  if (!Array.isArray(s.projects)) {
    return 'projects must be an array';
  }
  if (typeof s.regions !== 'object' || s.regions === null) {
    return 'regions must be an object';
  }
  for (const p of s.projects) {
    if (!(p.region in s.regions)) {
      return `project ${p.id} names unknown region ${p.region}`;
    }
  }
  for (const [name, r] of Object.entries(s.regions)) {
    for (const dest of r.replicationDestinations ?? []) {
      if (!(dest in s.regions)) {
        return `region ${name} replicates to unknown region ${dest}`;
      }
    }
  }
  return undefined;
}
