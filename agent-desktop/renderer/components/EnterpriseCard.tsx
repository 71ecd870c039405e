import type { EnterpriseSummary } from '../../../server/realtime/socket-events';

/** Shows the enterprise the caller's number matched, or a note that none matched. */
export function EnterpriseCard({ enterprise }: { enterprise: EnterpriseSummary | null }) {
  if (!enterprise) {
    return (
      <section class="enterprise enterprise-none" aria-label="匹配企业">
        <h3 class="section-title">匹配企业</h3>
        <p class="muted">未匹配到企业</p>
      </section>
    );
  }

  return (
    <section class="enterprise" aria-label="匹配企业">
      <h3 class="section-title">匹配企业</h3>
      <p class="enterprise-name">{enterprise.name}</p>
      <dl class="facts">
        <dt>信用代码</dt>
        <dd class="mono" aria-label="企业信用代码">
          {enterprise.creditCode}
        </dd>
        <dt>地址</dt>
        <dd aria-label="企业地址">{enterprise.address ?? '未登记'}</dd>
        <dt>乡镇</dt>
        <dd aria-label="所属乡镇">{enterprise.township ?? '未登记'}</dd>
      </dl>
    </section>
  );
}
