/**
 * Display names of the regions, as the clouds' own endpoint tables write them (Huawei Cloud:
 * "Regions and Endpoints", https://developer.huaweicloud.com/intl/en-us/endpoint and each
 * service's endpoint page, e.g. https://support.huaweicloud.com/intl/en-us/api-cdm/endpoint.html;
 * Open Telekom Cloud: https://docs.otc.t-systems.com/regions-and-endpoints/). A region not listed
 * here is shown by its id.
 */
const REGION_NAMES: Record<string, string> = {
  'cn-north-1': 'CN North-Beijing1',
  'cn-north-4': 'CN North-Beijing4',
  'cn-east-2': 'CN East-Shanghai2',
  'cn-east-3': 'CN East-Shanghai1',
  'cn-south-1': 'CN South-Guangzhou',
  'cn-southwest-2': 'CN Southwest-Guiyang1',
  'ap-southeast-1': 'CN-Hong Kong',
  'ap-southeast-2': 'AP-Bangkok',
  'ap-southeast-3': 'AP-Singapore',
  'ap-southeast-4': 'AP-Jakarta',
  'ap-southeast-5': 'AP-Manila',
  'af-south-1': 'AF-Johannesburg',
  'af-north-1': 'AF-Cairo',
  'eu-west-0': 'EU-Paris',
  'eu-west-101': 'EU-Dublin',
  'sa-brazil-1': 'LA-Sao Paulo1',
  'la-north-2': 'LA-Mexico City2',
  'la-south-2': 'LA-Santiago',
  'na-mexico-1': 'LA-Mexico City1',
  'tr-west-1': 'TR-Istanbul',
  'me-east-1': 'ME-Riyadh',
  'ru-northwest-2': 'RU-Moscow2',
  'eu-de': 'Germany (eu-de)',
  'eu-nl': 'Netherlands (eu-nl)',
  'eu-ch2': 'Switzerland (eu-ch2)',
};

/** "AP-Bangkok" for `ap-southeast-2`; undefined for a region with no known name (custom endpoints). */
export function regionDisplayName(region: string): string | undefined {
  return REGION_NAMES[region];
}
