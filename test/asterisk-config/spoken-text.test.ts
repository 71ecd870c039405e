import { describe, expect, it } from 'vitest';

import { toSpokenText } from '../../asterisk-config/prompts/spoken-text';

describe('toSpokenText', () => {
  it('spells the hotline number digit by digit', () => {
    expect(toSpokenText('致电12345')).toBe('致电幺二三四五');
  });

  it('reads 1 as 幺 and 0 as 零 in codes', () => {
    expect(toSpokenText('110平台')).toBe('幺幺零平台');
    expect(toSpokenText('0370')).toBe('零三七零');
  });

  it('keeps short numbers as numbers', () => {
    expect(toSpokenText('30')).toBe('30');
    expect(toSpokenText('请按1')).toBe('请按1');
  });

  it('spells every code in a sentence', () => {
    expect(toSpokenText('拨打12345或0370-12345')).toBe('拨打幺二三四五或零三七零-幺二三四五');
  });

  it('leaves text without digits alone', () => {
    expect(toSpokenText('感谢您的来电，再见。')).toBe('感谢您的来电，再见。');
  });
});
