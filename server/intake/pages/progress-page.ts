/** The progress page: looks a case up by number and query code and lists its state changes. */
import type { PublicProgress } from '../../../db/repositories/public-progress';
import { formatTime, postJson, showProblems, textValue, type ApiProblem } from './page-form';

const form = document.querySelector<HTMLFormElement>('#progress-form');
if (form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button') as HTMLButtonElement;
    const section = document.querySelector('#progress') as HTMLElement;
    button.disabled = true;
    showProblems(form, null);
    section.hidden = true;
    try {
      const progress = await postJson<PublicProgress>('/api/public/progress', {
        caseNo: textValue(form, 'caseNo'),
        queryCode: textValue(form, 'queryCode'),
      });
      render(progress);
      section.hidden = false;
    } catch (problem) {
      showProblems(form, problem as ApiProblem);
    } finally {
      button.disabled = false;
    }
  });
}

function render(progress: PublicProgress): void {
  const set = (selector: string, text: string) => ((document.querySelector(selector) as HTMLElement).textContent = text);
  set('#progress-title', progress.title);
  set('#progress-case-no', progress.caseNo);
  set('#progress-kind', progress.kindLabel);
  set('#progress-submitted', formatTime(progress.submittedAt));
  set('#progress-state', progress.stateLabel);

  const list = document.querySelector('#progress-timeline') as HTMLOListElement;
  list.replaceChildren(
    ...progress.timeline.map((step) => {
      const item = document.createElement('li');
      const time = document.createElement('time');
      time.textContent = formatTime(step.at);
      item.append(time, ` ${step.stateLabel}`);
      return item;
    }),
  );
}
