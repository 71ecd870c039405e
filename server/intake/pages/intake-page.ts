/** The web intake page: checks the credit code as the user types it, submits, and shows the case number and query code. */
import { checkCreditCode } from '../../domain/credit-code';
import { postJson, showProblems, textValue, type ApiProblem } from './page-form';

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确，请核对',
} as const;

const form = document.querySelector<HTMLFormElement>('#intake-form');
if (form) {
  const creditCode = form.elements.namedItem('creditCode') as HTMLInputElement;
  const checkCode = (showProblem: boolean) => {
    const slot = form.querySelector<HTMLElement>('[data-field="creditCode"] .problem');
    const result = checkCreditCode(creditCode.value);
    if (!slot) return;
    if (creditCode.value.trim() === '' || result.ok) slot.textContent = '';
    else if (showProblem) slot.textContent = CREDIT_CODE_MESSAGES[result.reason];
  };
  // The message goes as soon as the code is right, while typing: clearing it on blur would move
  // the submit button away from under the click that caused the blur.
  creditCode.addEventListener('input', () => checkCode(false));
  creditCode.addEventListener('blur', () => checkCode(true));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button') as HTMLButtonElement;
    if (button.disabled) return;

    button.disabled = true;
    showProblems(form, null);
    try {
      const receipt = await postJson<{ caseNo: string; queryCode: string }>('/api/public/intake', {
        enterpriseName: textValue(form, 'enterpriseName'),
        creditCode: textValue(form, 'creditCode'),
        contactName: textValue(form, 'contactName'),
        contactPhone: textValue(form, 'contactPhone'),
        kind: textValue(form, 'kind'),
        title: textValue(form, 'title'),
        content: textValue(form, 'content'),
        confidential: (form.elements.namedItem('confidential') as HTMLInputElement).checked,
      });
      (document.querySelector('#receipt-case-no') as HTMLElement).textContent = receipt.caseNo;
      (document.querySelector('#receipt-query-code') as HTMLElement).textContent = receipt.queryCode;
      form.hidden = true;
      (document.querySelector('#receipt') as HTMLElement).hidden = false;
    } catch (problem) {
      showProblems(form, problem as ApiProblem);
      button.disabled = false;
    }
  });
}
