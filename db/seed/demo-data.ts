/**
 * Demo enterprises, a call and earlier cases, so the screen pop has something to show when
 * the demo calls from `DEMO_CALLER_NUMBER`. The enterprises are fictional, and their credit
 * codes are built with valid check characters but are not registered.
 */
import { completeCreditCode } from '../../server/domain/credit-code';
import type { CaseChannel, CaseKind } from '../../server/domain/terms';

/** Phone of the first demo enterprise's manager, from which the demo's caller dials. */
export const DEMO_CALLER_NUMBER = '13937000101';

export interface EnterpriseSeed {
  name: string;
  /** Registration authority, organisation category and division: `91411421` is a company of Minquan. */
  creditCode: string;
  address: string;
  townshipName: string;
  contactName: string;
  phones: { phone: string; name: string }[];
}

export const DEMO_ENTERPRISES: EnterpriseSeed[] = [
  {
    name: '民权县葵丘制冷配件有限公司',
    creditCode: completeCreditCode('91411421MA45K7Q1X'),
    address: '河南省商丘市民权县绿洲街道产业集聚区纬二路18号',
    townshipName: '绿洲街道',
    contactName: '周建国',
    phones: [
      { phone: DEMO_CALLER_NUMBER, name: '周建国' },
      { phone: '03705551201', name: '办公室' },
    ],
  },
  {
    name: '民权县故道葡萄酒业有限公司',
    creditCode: completeCreditCode('91411421MA46B2R3N'),
    address: '河南省商丘市民权县花园乡花南村',
    townshipName: '花园乡',
    contactName: '孙丽',
    phones: [{ phone: '13937000202', name: '孙丽' }],
  },
  {
    name: '民权县秋水湖果蔬种植专业合作社',
    // 93: a farmers' cooperative registered with market regulation.
    creditCode: completeCreditCode('93411421MA47C8T5P'),
    address: '河南省商丘市民权县野岗镇野北村',
    townshipName: '野岗镇',
    contactName: '郭志强',
    phones: [{ phone: '13937000303', name: '郭志强' }],
  },
];

export const DEMO_CALL_ID = 'demo-call-0001';

export interface DemoCaseSeed {
  daysAgo: number;
  channel: CaseChannel;
  kind: CaseKind;
  categoryCode: string;
  callerName: string;
  callerNumber: string;
  title: string;
  content: string;
  /** Registered from the demo call. */
  fromDemoCall?: boolean;
  /** Steps after registration, in order: the state reached, who acted and the unit if dispatched. */
  steps: { to: 'answered-on-spot' | 'dispatched' | 'signed'; type: string; actor: string; unitCode?: string; note: string }[];
}

/** Cases of the first demo enterprise, oldest first. */
export const DEMO_CASES: DemoCaseSeed[] = [
  {
    daysAgo: 20,
    channel: 'phone',
    kind: 'consultation',
    categoryCode: 'E01',
    callerName: '周建国',
    callerNumber: DEMO_CALLER_NUMBER,
    title: '咨询冷库扩建项目备案需要哪些材料',
    content: '企业计划扩建一座冷库，咨询项目备案的办理流程和需要提交的材料。',
    steps: [{ to: 'answered-on-spot', type: 'answered-on-spot', actor: 'agent1', note: '已告知在线备案流程及所需材料清单，来电人表示清楚。' }],
  },
  {
    daysAgo: 10,
    channel: 'phone',
    kind: 'suggestion',
    categoryCode: 'E01',
    callerName: '办公室',
    callerNumber: '03705551201',
    title: '建议简化特种设备使用登记的变更手续',
    content: '企业更换了两台压力容器的使用地点，变更登记需要多次往返，建议提供网上办理。',
    steps: [
      { to: 'dispatched', type: 'dispatched', actor: 'agent2', unitCode: '0101', note: '转县市场监督管理局办理。' },
      { to: 'signed', type: 'signed', actor: 'unit1', note: '已签收，安排专人联系企业。' },
    ],
  },
  {
    daysAgo: 6,
    channel: 'phone',
    kind: 'complaint',
    categoryCode: 'E04',
    callerName: '周建国',
    callerNumber: DEMO_CALLER_NUMBER,
    title: '反映厂区供电增容申请一个月未答复',
    content: '企业上月提交供电增容申请，至今没有答复，影响新生产线投产。',
    steps: [{ to: 'dispatched', type: 'dispatched', actor: 'agent1', unitCode: '0107', note: '转县营商环境服务中心协调办理。' }],
  },
  {
    daysAgo: 2,
    channel: 'phone',
    kind: 'help',
    categoryCode: 'P0402',
    callerName: '周建国',
    callerNumber: DEMO_CALLER_NUMBER,
    title: '夜间频繁停电影响冷库温度',
    content: '近一周夜间停电三次，冷库温度升高，请求协调供电部门排查线路。',
    fromDemoCall: true,
    steps: [],
  },
];
