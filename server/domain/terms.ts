/**
 * Domain terms shared by the server, the database layer and the agent desktop.
 * Each union is the single list of allowed values; labels are what users read.
 */

export const ROLES = ['agent', 'supervisor', 'unit-handler', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  agent: '受理员',
  supervisor: '班长',
  'unit-handler': '承办人',
  leader: '领导',
  admin: '管理员',
};

export const AGENT_STATES = ['offline', 'ready', 'not-ready', 'ringing', 'talking', 'wrap-up'] as const;
export type AgentState = (typeof AGENT_STATES)[number];
export const AGENT_STATE_LABELS: Record<AgentState, string> = {
  offline: '离线',
  ready: '就绪',
  'not-ready': '示忙',
  ringing: '振铃',
  talking: '通话中',
  'wrap-up': '话后整理',
};

/** Reason an agent is not ready. The system sets `no-answer` when the agent's phone rang out (RONA). */
export const NOT_READY_REASONS = ['break', 'meal', 'meeting', 'training', 'no-answer', 'other'] as const;
export type NotReadyReason = (typeof NOT_READY_REASONS)[number];
export const NOT_READY_REASON_LABELS: Record<NotReadyReason, string> = {
  break: '小休',
  meal: '用餐',
  meeting: '开会',
  training: '培训',
  'no-answer': '未接来电',
  other: '其他',
};

/** Skill an agent has and a queued call asks for. */
export const SKILLS = ['enterprise', 'general'] as const;
export type Skill = (typeof SKILLS)[number];
export const SKILL_LABELS: Record<Skill, string> = {
  enterprise: '企业服务专席',
  general: '综合受理',
};

/** Caller's choice in the IVR menu. `none` means no or wrong input until the retries ran out. */
export const IVR_CHOICES = ['enterprise', 'general', 'agent', 'none'] as const;
export type IvrChoice = (typeof IVR_CHOICES)[number];
export const IVR_CHOICE_LABELS: Record<IvrChoice, string> = {
  enterprise: '企业服务',
  general: '其他事项',
  agent: '转人工',
  none: '未选择',
};

export const CASE_CHANNELS = ['phone', 'voicemail', 'web', 'wechat', 'weibo', 'app', 'mailbox', 'letter', 'visit'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_CHANNEL_LABELS: Record<CaseChannel, string> = {
  phone: '电话',
  voicemail: '语音留言',
  web: '网站',
  wechat: '微信',
  weibo: '微博',
  app: '客户端',
  mailbox: '信箱',
  letter: '来信',
  visit: '来访',
};

export const CASE_KINDS = ['consultation', 'help', 'complaint', 'report', 'suggestion'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};

/** Case lifecycle states; the transitions between them live in the case workflow module. */
export const CASE_STATES = [
  'registered',
  'answered-on-spot',
  'not-accepted',
  'dispatched',
  'signed',
  'returned',
  'in-progress',
  'replied',
  'review',
  'callback',
  'closed',
  'archived',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  registered: '已登记',
  'answered-on-spot': '直接办理',
  'not-accepted': '不予受理',
  dispatched: '已转办',
  signed: '已签收',
  returned: '已退单',
  'in-progress': '办理中',
  replied: '已答复',
  review: '待审核',
  callback: '待回访',
  closed: '已办结',
  archived: '已归档',
  merged: '已并单',
};
/** States in which a case is still open (not yet closed, archived, refused or merged into another case). */
export const OPEN_CASE_STATES: readonly CaseState[] = CASE_STATES.filter(
  (state) => !['closed', 'archived', 'not-accepted', 'answered-on-spot', 'merged'].includes(state),
);

/** The county's reasons for not accepting a matter (不予受理); each case refused carries one. */
export const NOT_ACCEPTED_REASONS = ['review-or-litigation', 'criminal-or-public-security', 'already-accepted', 'economic-dispute'] as const;
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];
export const NOT_ACCEPTED_REASON_LABELS: Record<NotAcceptedReason, string> = {
  'review-or-litigation': '行政复议或诉讼中',
  'criminal-or-public-security': '刑事或治安案件',
  'already-accepted': '已受理',
  'economic-dispute': '企业与个人或组织间的经济纠纷',
};

/** The caller's rating, in the IVR survey after a call and at the callback (回访) of a case. */
export const SATISFACTION_LEVELS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LEVEL_LABELS: Record<SatisfactionLevel, string> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

/** Contact method of a unit handler with the caller. `none` records that no contact was possible, as with an anonymous report. */
export const CONTACT_METHODS = ['phone', 'sms', 'visit', 'meeting', 'none'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话',
  sms: '短信',
  visit: '上门走访',
  meeting: '约见面谈',
  none: '无法联系',
};

export const ORG_UNIT_TYPES = ['platform', 'department', 'township', 'village', 'discipline'] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

/** Party that ended a call. `system` covers the platform's own hang-ups, such as a shutdown. */
export const CALL_PARTIES = ['caller', 'agent', 'system'] as const;
export type CallParty = (typeof CALL_PARTIES)[number];
