/** Browser helpers shared by the two public pages: reading a form, posting JSON and showing field problems. */

export interface ApiProblem {
  status: number;
  message: string;
  fields: { field: string; message: string }[];
}

/** Posts `body` as JSON; resolves with the parsed response, or rejects with an `ApiProblem`. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw { status: 0, message: '网络连接失败，请检查网络后重试', fields: [] } satisfies ApiProblem;
  }
  const answer = await response.json().catch(() => null);
  if (response.ok) return answer as T;
  const error = answer?.error;
  throw { status: response.status, message: error?.message ?? '提交失败，请稍后重试', fields: error?.fields ?? [] } satisfies ApiProblem;
}

/** Clears earlier problems, then shows each field's message beside it and the rest above the button. */
export function showProblems(form: HTMLFormElement, problem: ApiProblem | null): void {
  for (const element of form.querySelectorAll<HTMLElement>('.problem')) element.textContent = '';
  if (!problem) return;

  const unplaced: string[] = [];
  for (const { field, message } of problem.fields) {
    const slot = form.querySelector<HTMLElement>(`[data-field="${field}"] .problem`);
    if (slot) slot.textContent = message;
    else unplaced.push(message);
  }
  const formProblem = form.querySelector<HTMLElement>('.form-problem');
  if (formProblem) formProblem.textContent = problem.fields.length === 0 ? problem.message : unplaced.join('；');
}

export function textValue(form: HTMLFormElement, name: string): string {
  const element = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
  return element?.value.trim() ?? '';
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
