/**
 * The Mandarin IVR prompts: the id is the Asterisk sound name (played as `sound:<id>`), the
 * text is what the generator speaks. A recorded voice replaces a prompt by dropping a WAV with
 * the same name into the sound folder.
 */
export interface Prompt {
  id: string;
  text: string;
}

export const PROMPTS = [
  { id: 'hotline-welcome', text: '您好，欢迎致电民权县12345企业服务110平台。' },
  { id: 'hotline-menu', text: '企业服务专席请按1，其他事项请按2，人工服务请按0。' },
  { id: 'hotline-invalid', text: '您的输入有误，请重新选择。' },
  { id: 'hotline-queue-enter', text: '正在为您转接受理员，请稍候。' },
  { id: 'hotline-queue-ahead', text: '您前面还有' },
  { id: 'hotline-queue-ahead-tail', text: '位来电在等候，请耐心等待。' },
  { id: 'hotline-queue-many', text: '当前来电较多，请耐心等待。' },
  { id: 'hotline-queue-first', text: '您是下一位，受理员马上为您服务。' },
  { id: 'hotline-goodbye', text: '感谢您的来电，再见。' },
  /** Played by the dialplan (extensions.conf, hotline-fallback) when the platform is not connected to Asterisk. */
  { id: 'hotline-unavailable', text: '系统暂时无法接听您的来电，请稍后再拨。' },
] as const satisfies readonly Prompt[];

/** Largest queue position spoken as a number; beyond it `hotline-queue-many` plays. */
export const MAX_SPOKEN_POSITION = 30;

/** Sound name of a spoken number from 1 to `MAX_SPOKEN_POSITION`. */
export function numberPromptId(value: number): string {
  return `hotline-num-${value}`;
}

/** Every prompt including the spoken numbers, in generation order. */
export function allPrompts(): Prompt[] {
  const numbers: Prompt[] = [];
  for (let value = 1; value <= MAX_SPOKEN_POSITION; value++) {
    // A count of two before a measure word (您前面还有两位) is 两, not 二.
    numbers.push({ id: numberPromptId(value), text: value === 2 ? '两' : String(value) });
  }
  return [...PROMPTS, ...numbers];
}

export type PromptId = (typeof PROMPTS)[number]['id'];
