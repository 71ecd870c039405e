import { caseNoticesStore, dismissNotice } from '../stores/case-notices';
import { useStore } from '../stores/store';

/** Lists the newest live notices about time limits and supervision, each with a dismiss button. */
export function CaseNoticeBanner() {
  const { notices } = useStore(caseNoticesStore);
  if (notices.length === 0) return null;

  return (
    <section class="case-notices" aria-label="时限提醒" aria-live="polite">
      <ul>
        {notices.map((notice) => (
          <li key={notice.id} class={`case-notice case-notice-${notice.level}`}>
            <span>{notice.text}</span>
            <button type="button" class="button button-quiet" onClick={() => dismissNotice(notice.id)}>
              知道了
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
