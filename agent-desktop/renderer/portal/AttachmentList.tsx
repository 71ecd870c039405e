import { useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { downloadAttachment } from '../api/portal';
import type { Attachment } from '../api/portal-types';
import { formatDateTime } from '../format';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 1024 / 102.4) / 10} MB`;
}

/** Lists a case's attachments; each downloads through the API with the user's login. */
export function AttachmentList({ caseId, attachments }: { caseId: number; attachments: Attachment[] }) {
  const [error, setError] = useState<string | null>(null);

  const download = async (attachment: Attachment) => {
    setError(null);
    try {
      const blob = await downloadAttachment(caseId, attachment.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.userMessage : '下载附件失败，请重试');
    }
  };

  if (attachments.length === 0) return <p class="muted">暂无附件</p>;
  return (
    <>
      <ul class="attachment-list" aria-label="附件">
        {attachments.map((attachment) => (
          <li key={attachment.id} class="attachment-item">
            <button type="button" class="button button-link" onClick={() => void download(attachment)}>
              {attachment.fileName}
            </button>
            <span class="muted">
              {formatSize(attachment.sizeBytes)} · {attachment.uploadedByName ?? ''} · {formatDateTime(attachment.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      {error && <p class="inline-error" role="alert">{error}</p>}
    </>
  );
}
