import type { DeadlineLevel } from '../api/portal-types';

const BADGES: Record<Exclude<DeadlineLevel, 'normal'>, { text: string; title: string }> = {
  yellow: { text: '黄牌', title: '即将超期' },
  red: { text: '红牌', title: '已超期' },
};

/** Renders the deadline card of a case: 黄牌 before the limit, 红牌 once overdue, nothing otherwise. */
export function DeadlineBadge({ level }: { level: DeadlineLevel | null | undefined }) {
  if (level !== 'yellow' && level !== 'red') return null;
  const badge = BADGES[level];
  return (
    <span class={`deadline-badge deadline-${level}`} title={badge.title} aria-label={`时限${badge.text}（${badge.title}）`}>
      {badge.text}
    </span>
  );
}
