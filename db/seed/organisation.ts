/**
 * The sample organisation of Minquan County (民权县 in Shangqiu, Henan, division code 411421).
 *
 * Codes are our own: `00` the platform, `01xx` county departments, `02xx` townships and
 * sub-districts, `02xxyy` villages and communities under township `02xx`, `03xx` the
 * discipline commission.
 *
 * NOTE: the township list follows public gazetteer pages. 顺河乡 is left out because it was
 * merged into 庄子镇 in 2012, and 綦阳街道 because no source confirmed it.
 * Check the list against the county's current division list before going live.
 */
import type { OrgUnitType } from '../../server/domain/terms';

export interface OrgUnitSeed {
  code: string;
  name: string;
  type: OrgUnitType;
  parentCode: string | null;
  /**
   * On-duty number for three-way calls. NOTE: these are internal placeholder numbers, so that
   * the demo never dials a real line. Replace them with the units' real on-duty numbers.
   */
  dutyPhone?: string;
}

export const PLATFORM_CODE = '00';
export const MARKET_REGULATION_CODE = '0101';
export const BUSINESS_ENVIRONMENT_CODE = '0107';

const departments: [code: string, name: string][] = [
  [MARKET_REGULATION_CODE, '县市场监督管理局'],
  ['0102', '县发展和改革委员会'],
  ['0103', '县住房和城乡建设局'],
  ['0104', '县人力资源和社会保障局'],
  ['0105', '县税务局'],
  ['0106', '县自然资源局'],
  [BUSINESS_ENVIRONMENT_CODE, '县营商环境服务中心'],
  ['0108', '县交通运输局'],
];

const townships: [code: string, name: string][] = [
  ['0201', '城关镇'],
  ['0202', '人和镇'],
  ['0203', '龙塘镇'],
  ['0204', '北关镇'],
  ['0205', '程庄镇'],
  ['0206', '王庄寨镇'],
  ['0207', '孙六镇'],
  ['0208', '白云寺镇'],
  ['0209', '庄子镇'],
  ['0210', '双塔镇'],
  ['0211', '野岗镇'],
  ['0212', '老颜集乡'],
  ['0213', '胡集回族乡'],
  ['0214', '褚庙乡'],
  ['0215', '伯党回族乡'],
  ['0216', '花园乡'],
  ['0217', '林七乡'],
  ['0218', '南华街道'],
  ['0219', '绿洲街道'],
];

const villages: [code: string, name: string][] = [
  ['021101', '野北村'],
  ['021601', '花南村'],
  ['021602', '花北村'],
];

/** Parents come before their children. */
export const ORG_UNITS: OrgUnitSeed[] = [
  { code: PLATFORM_CODE, name: '民权县12345平台', type: 'platform', parentCode: null, dutyPhone: '9100' },
  ...departments.map(([code, name]): OrgUnitSeed => ({
    code,
    name,
    type: 'department',
    parentCode: PLATFORM_CODE,
    dutyPhone: `91${code.slice(2)}`,
  })),
  ...townships.map(([code, name]): OrgUnitSeed => ({
    code,
    name,
    type: 'township',
    parentCode: PLATFORM_CODE,
    dutyPhone: `92${code.slice(2)}`,
  })),
  ...villages.map(([code, name]): OrgUnitSeed => ({ code, name, type: 'village', parentCode: code.slice(0, 4) })),
  { code: '0301', name: '县纪委监委', type: 'discipline', parentCode: PLATFORM_CODE, dutyPhone: '9301' },
];

/** Returns the code of the township or sub-district with this name. Throws for an unknown name. */
export function townshipCode(name: string): string {
  const unit = ORG_UNITS.find((candidate) => candidate.type === 'township' && candidate.name === name);
  if (!unit) {
    throw new Error(`no township named ${name} in the sample organisation`);
  }
  return unit.code;
}
