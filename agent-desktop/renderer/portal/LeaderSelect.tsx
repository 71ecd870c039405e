import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { fetchLeaders } from '../api/portal';
import { describedBy, FormField } from '../components/FormField';

interface Props {
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange(value: string): void;
}

/** Renders the choice of the leader who receives an escalated case. */
export function LeaderSelect({ id, label, value, error, onChange }: Props) {
  const [leaders, setLeaders] = useState<{ id: number; displayName: string }[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    fetchLeaders()
      .then(setLeaders)
      .catch((failure: unknown) => setLoadError(failure instanceof ApiError ? failure.userMessage : '加载领导名单失败，请刷新页面'));
  }, []);

  return (
    <FormField id={id} label={label} error={error ?? loadError ?? undefined} hint="重大事项可不选，报县主要领导">
      <select class="input" {...describedBy(id, error)} value={value} disabled={!leaders} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value="">{leaders ? '请选择' : '正在加载…'}</option>
        {(leaders ?? []).map((leader) => (
          <option key={leader.id} value={String(leader.id)}>
            {leader.displayName}
          </option>
        ))}
      </select>
    </FormField>
  );
}
