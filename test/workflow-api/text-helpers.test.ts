import { describe, expect, it } from 'vitest';
import { isConductCategory } from '../../server/cases/discipline-suggestion';
import { maskEnterprise, maskName, maskPhoneNumber } from '../../server/cases/identity-masking';
import { titleSimilarity } from '../../server/cases/title-similarity';

describe('identity masking', () => {
  it.each([
    ['张三丰', '张**'],
    ['李四', '李**'],
    ['欧阳', '欧**'],
    ['', ''],
  ])('masks the name %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['03705551201', '037****1201'],
    ['5551201', '*****01'],
    ['12', '**12'],
  ])('masks the number %s', (number, masked) => {
    expect(maskPhoneNumber(number)).toBe(masked);
  });

  it('keeps null identities null', () => {
    expect(maskName(null)).toBeNull();
    expect(maskPhoneNumber(null)).toBeNull();
    expect(maskEnterprise(null)).toBeNull();
  });

  it('hides the enterprise but its township', () => {
    const masked = maskEnterprise({ id: 3, name: '民权县葵丘制冷配件有限公司', creditCode: '91411421MA45K7Q1X0', address: '绿洲街道纬二路18号', township: '绿洲街道' });

    expect(masked).toEqual({ id: 3, name: '民权****', creditCode: '91****************', address: null, township: '绿洲街道' });
  });
});

describe('title similarity', () => {
  it('rates the same title 1 and unrelated titles 0', () => {
    expect(titleSimilarity('超市销售过期食品', '超市销售过期食品')).toBe(1);
    expect(titleSimilarity('超市销售过期食品', '咨询社保缴费基数')).toBe(0);
  });

  it('ignores punctuation, spaces and letter case', () => {
    expect(titleSimilarity('厂区停电，三天未恢复！', '厂区停电 三天未恢复')).toBe(1);
    expect(titleSimilarity('ABC公司欠薪', 'abc公司欠薪')).toBe(1);
  });

  it('rates a title with an added word above the merge threshold', () => {
    expect(titleSimilarity('超市销售过期食品', '超市销售过期食品问题')).toBeGreaterThanOrEqual(0.5);
  });

  it('rates empty and one-character titles without dividing by zero', () => {
    expect(titleSimilarity('', '超市')).toBe(0);
    expect(titleSimilarity('电', '电')).toBe(1);
  });
});

describe('conduct categories', () => {
  it.each([
    [{ code: 'E02', name: '工作作风' }, true],
    [{ code: 'E05', name: '吃拿卡要' }, true],
    [{ code: 'X9', name: '干预插手' }, true],
    [{ code: 'E01', name: '行政审批' }, false],
    [null, false],
  ])('classes %o as conduct: %s', (category, conduct) => {
    expect(isConductCategory(category)).toBe(conduct);
  });
});
