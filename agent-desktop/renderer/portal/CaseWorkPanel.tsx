import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { fetchAttachments, fetchCaseView, postCaseAction, revealIdentity, uploadAttachments } from '../api/portal';
import type { Attachment, CaseWorkView } from '../api/portal-types';
import { CASE_STATE_LABELS } from '../../../server/domain/terms';
import { CaseTimeline } from '../components/CaseTimeline';
import { sessionStore } from '../stores/session';
import { useStore } from '../stores/store';
import { actionForm, REVEAL_IDENTITY } from './action-forms';
import { ActionFormView } from './ActionFormView';
import { AttachmentList } from './AttachmentList';
import { CaseFacts } from './CaseFacts';

interface Props {
  caseId: number;
  /** Called after an action changed the case, so the list can refresh. */
  onChanged(): void;
  onClose(): void;
}

interface Feedback {
  kind: 'error' | 'success';
  message: string;
}

const describe = (error: unknown, fallback: string) => (error instanceof ApiError ? error.userMessage : fallback);

/** Shows one case with its attachments and timeline, and takes the actions the server lists for the user. */
export function CaseWorkPanel({ caseId, onChanged, onClose }: Props) {
  const [view, setView] = useState<CaseWorkView | null>(null);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [openAction, setOpenAction] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const role = useStore(sessionStore).user?.role;
  // Files already attached by an earlier try whose action then failed, so a retry does not attach them twice.
  const uploaded = useRef(new WeakSet<File>());

  const load = async () => {
    try {
      const [loaded, files] = await Promise.all([fetchCaseView(caseId), fetchAttachments(caseId).catch(() => [])]);
      setView(loaded);
      setAttachments(files);
      setLoadError(null);
    } catch (error) {
      setLoadError(describe(error, '加载工单失败，请重试'));
    }
  };

  useEffect(() => {
    setView(null);
    setOpenAction(null);
    setFeedback(null);
    void load();
  }, [caseId]);

  const submit = async (action: string, input: Record<string, unknown>, files: File[]) => {
    if (!view) return;
    setBusy(true);
    setFeedback(null);
    setFieldErrors({});
    try {
      const pending = files.filter((file) => !uploaded.current.has(file));
      if (pending.length > 0) {
        try {
          await uploadAttachments(caseId, pending);
          for (const file of pending) uploaded.current.add(file);
          setAttachments(await fetchAttachments(caseId).catch(() => attachments));
        } catch (error) {
          // The action is not sent, so the user can fix the files and try again.
          if (error instanceof ApiError) setFieldErrors({ files: error.userMessage });
          throw error;
        }
      }
      const updated =
        action === REVEAL_IDENTITY
          ? await revealIdentity(caseId, String(input.reason), view.version)
          : await postCaseAction(caseId, action, input, view.version);
      setView(updated);
      setAttachments(await fetchAttachments(caseId).catch(() => attachments));
      setOpenAction(null);
      setFeedback({ kind: 'success', message: `${actionForm(action).label}成功` });
      onChanged();
    } catch (error) {
      setFeedback({ kind: 'error', message: describe(error, `${actionForm(action).label}失败，请重试`) });
      if (error instanceof ApiError) {
        const fields = Object.fromEntries(error.fields.map((problem) => [problem.field, problem.message]));
        setFieldErrors((previous) => ({ ...fields, ...previous }));
        // Another user may have moved the case meanwhile: show what is possible now.
        if (error.code === 'CONFLICT' || error.code === 'INVALID_STATE') void load();
      }
    } finally {
      setBusy(false);
    }
  };

  if (loadError && !view) {
    return (
      <section class="work-panel" aria-label="工单办理">
        <p class="notice notice-error" role="alert">
          {loadError}
        </p>
      </section>
    );
  }
  if (!view) return <section class="work-panel muted" aria-label="工单办理">正在加载…</section>;

  // Only the platform may release a protected reporter's identity to the units.
  const mayReveal = (role === 'supervisor' || role === 'admin') && (view.confidential || view.anonymous) && !view.identityReleased;
  const duplicates = view.possibleDuplicates ?? [];
  // The merge form picks from the duplicates the server found, so without any it has nothing to offer.
  const offered = (view.availableActions ?? []).filter((action) => action !== 'merge' || duplicates.length > 0);
  const actions = [...offered, ...(mayReveal ? [REVEAL_IDENTITY] : [])];
  return (
    <section class="work-panel" aria-label="工单办理">
      <div class="panel-head">
        <h2 class="panel-title">
          {view.caseNo} {view.title}
        </h2>
        <button type="button" class="button button-quiet" onClick={onClose}>
          关闭
        </button>
      </div>
      <CaseFacts view={view} />
      <h3 class="section-title">诉求内容</h3>
      <p class="case-content">{view.content}</p>

      {duplicates.length > 0 && (
        <>
          <h3 class="section-title">疑似重复工单</h3>
          <ul class="duplicate-list" aria-label="疑似重复工单">
            {duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <span class="mono">{duplicate.caseNo}</span> {duplicate.title}（{CASE_STATE_LABELS[duplicate.state] ?? duplicate.state}
                {duplicate.sameCaller && '，同一来电人'}
                {duplicate.sameEnterprise && '，同一企业'}
                {duplicate.sameCategory && '，同一分类'}）
              </li>
            ))}
          </ul>
          <p class="muted">同一诉求请使用“并单”，不要重复转办。</p>
        </>
      )}

      <h3 class="section-title">办理操作</h3>
      {feedback && (
        <p class={`notice ${feedback.kind === 'error' ? 'notice-error' : 'notice-success'}`} role={feedback.kind === 'error' ? 'alert' : 'status'}>
          {feedback.message}
        </p>
      )}
      {actions.length === 0 ? (
        <p class="muted">当前没有您可以进行的操作</p>
      ) : (
        <div class="button-row action-buttons" role="toolbar" aria-label="可办理操作">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              class={`button ${openAction === action ? 'button-primary' : 'button-secondary'}`}
              aria-pressed={openAction === action}
              disabled={busy}
              onClick={() => {
                setOpenAction(openAction === action ? null : action);
                setFieldErrors({});
                setFeedback(null);
              }}
            >
              {actionForm(action).label}
            </button>
          ))}
        </div>
      )}
      {openAction && (
        <ActionFormView
          key={openAction}
          action={openAction}
          form={actionForm(openAction)}
          busy={busy}
          serverErrors={fieldErrors}
          initial={openAction === 'approve-extension' && view.extensionRequestedDays ? { workingDays: String(view.extensionRequestedDays) } : {}}
          duplicates={duplicates}
          suggestedUnit={view.suggestedUnit}
          onSubmit={(input, files) => void submit(openAction, input, files)}
          onCancel={() => setOpenAction(null)}
        />
      )}

      <h3 class="section-title">附件</h3>
      <AttachmentList caseId={caseId} attachments={attachments} />
      <h3 class="section-title">处理记录</h3>
      <CaseTimeline entries={view.timeline} />
    </section>
  );
}
