/**
 * The case form: the draft, its field messages, saving, and the enterprise lookup by credit code.
 * A screen pop fills the draft unless the agent has unsaved input. In that case the pop waits
 * until the agent chooses to use it.
 */
import type { CaseSummary, ScreenPop } from '../../../server/realtime/socket-events';
import { createCase, findEnterpriseByCreditCode } from '../api/endpoints';
import { ApiError } from '../api/http';
import { draftFromPop, draftToRequest, emptyDraft, type CaseDraft, type FieldErrors } from '../forms/case-draft';
import { mapServerFieldProblems } from '../forms/server-fields';
import { creditCodeMessage, validateDraft } from '../forms/validate-case';
import { callStore } from './call';
import { addRecentCase } from './recent-cases';
import { createStore } from './store';

export type EnterpriseLookup = 'idle' | 'searching' | 'found' | 'not-found' | 'failed';

export interface CaseFormState {
  draft: CaseDraft;
  /** True once the agent typed into the draft after it was last filled or saved. */
  dirty: boolean;
  errors: FieldErrors;
  /** Message about the whole form, e.g. a network failure or a server problem on no field. */
  formError: string | null;
  saving: boolean;
  /** The case saved last, shown with its number until the next edit or pop. */
  saved: CaseSummary | null;
  /** A pop that arrived while the draft had unsaved input. */
  waitingPop: ScreenPop | null;
  enterpriseLookup: EnterpriseLookup;
}

function initialState(): CaseFormState {
  return {
    draft: emptyDraft(),
    dirty: false,
    errors: {},
    formError: null,
    saving: false,
    saved: null,
    waitingPop: null,
    enterpriseLookup: 'idle',
  };
}

export const caseFormStore = createStore<CaseFormState>(initialState());

export function resetCaseForm(): void {
  caseFormStore.set(initialState());
}

/** Applies the agent's input. A field that changes loses its message. */
export function editDraft(change: Partial<CaseDraft>): void {
  caseFormStore.set((state) => {
    const errors = { ...state.errors };
    for (const key of Object.keys(change)) delete errors[key as keyof FieldErrors];
    const enterpriseLookup = 'creditCode' in change ? 'idle' : state.enterpriseLookup;
    return { ...state, draft: { ...state.draft, ...change }, errors, dirty: true, saved: null, formError: null, enterpriseLookup };
  });
}

export function receivePop(pop: ScreenPop): void {
  const state = caseFormStore.get();
  if (state.dirty) {
    caseFormStore.set({ ...state, waitingPop: pop });
    return;
  }
  fillFromPop(pop);
}

/** Replaces the draft with one filled from `pop`, dropping unsaved input. */
export function fillFromPop(pop: ScreenPop): void {
  caseFormStore.set({ ...initialState(), draft: draftFromPop(pop), enterpriseLookup: pop.enterprise ? 'found' : 'idle' });
}

/** Forgets the matched enterprise so that the agent can enter another one. */
export function clearEnterprise(): void {
  editDraft({ enterpriseId: null, enterpriseName: '', creditCode: '', enterpriseAddress: '', enterpriseTownship: '' });
}

/**
 * Looks the credit code up once it is valid. A stored enterprise fills the name and address,
 * otherwise the case creates a new enterprise on save.
 */
export async function lookUpEnterprise(): Promise<void> {
  const { draft, enterpriseLookup } = caseFormStore.get();
  const code = draft.creditCode.trim();
  // Any edit of the code resets the lookup to idle, so a finished lookup is not repeated.
  if (draft.enterpriseId !== null || !code || enterpriseLookup !== 'idle') return;

  const message = creditCodeMessage(code);
  if (message) {
    caseFormStore.set((state) => ({ ...state, errors: { ...state.errors, creditCode: message }, enterpriseLookup: 'idle' }));
    return;
  }

  caseFormStore.set((state) => ({ ...state, enterpriseLookup: 'searching' }));
  let lookup: EnterpriseLookup;
  let change: Partial<CaseDraft> = {};
  try {
    const enterprise = await findEnterpriseByCreditCode(code);
    lookup = enterprise ? 'found' : 'not-found';
    if (enterprise) {
      change = {
        enterpriseId: enterprise.id,
        enterpriseName: enterprise.name,
        enterpriseAddress: enterprise.address ?? '',
        enterpriseTownship: enterprise.township ?? '',
      };
    }
  } catch {
    lookup = 'failed';
  }

  caseFormStore.set((state) => {
    // The agent may have typed another code while the lookup ran.
    if (state.draft.creditCode.trim() !== code || state.draft.enterpriseId !== null) return state;
    const errors = { ...state.errors };
    if (change.enterpriseName) delete errors.enterpriseName;
    return { ...state, draft: { ...state.draft, ...change }, errors, enterpriseLookup: lookup };
  });
}

/**
 * The draft that follows a saved case: while the caller is still on the line, a second matter of
 * the same call keeps the caller and the enterprise. It is not linked to the call, because a call
 * is linked to one case.
 */
function draftAfterSave(saved: CaseDraft): CaseDraft {
  const call = callStore.get();
  const stillOnCall = call !== null && (call.phase === 'talking' || call.phase === 'held') && call.pop.callId === saved.callId;
  if (!stillOnCall) return emptyDraft();
  return { ...draftFromPop(call.pop), callId: null };
}

/** Checks the draft and saves it. Returns the saved case, or null when a check or the request failed. */
export async function saveCase(): Promise<CaseSummary | null> {
  const { draft, saving } = caseFormStore.get();
  if (saving) return null;

  const errors = validateDraft(draft);
  if (Object.keys(errors).length > 0) {
    caseFormStore.set((state) => ({ ...state, errors, formError: '请按提示修改标红的项目后再保存' }));
    return null;
  }

  caseFormStore.set((state) => ({ ...state, saving: true, errors: {}, formError: null }));
  try {
    const saved = await createCase(draftToRequest(draft));
    addRecentCase(saved);
    caseFormStore.set({ ...initialState(), draft: draftAfterSave(draft), saved });
    return saved;
  } catch (error) {
    caseFormStore.set((state) => ({ ...state, saving: false, ...describeSaveError(error) }));
    return null;
  }
}

function describeSaveError(error: unknown): Pick<CaseFormState, 'errors' | 'formError'> {
  if (!(error instanceof ApiError)) return { errors: {}, formError: '保存失败，请重试' };
  if (error.fields.length === 0) return { errors: {}, formError: error.userMessage };

  const { fields, other } = mapServerFieldProblems(error.fields);
  const formError = other.length > 0 ? other.join('；') : '请按提示修改标红的项目后再保存';
  return { errors: fields, formError };
}
