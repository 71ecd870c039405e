/**
 * The case category tree. Codes are our own: a letter for the branch (`E` matters of
 * enterprises, `P` public services), then two digits per level, so a child's code starts with
 * its parent's. The `E` branch lists the matter types of the county's Enterprise Service 110
 * plan.
 */
export interface CategorySeed {
  code: string;
  name: string;
}

export const CATEGORIES: CategorySeed[] = [
  { code: 'E', name: '涉企事项' },
  { code: 'E01', name: '行政审批' },
  { code: 'E02', name: '工作作风' },
  { code: 'E03', name: '干预插手' },
  { code: 'E04', name: '不作为慢作为' },
  { code: 'E05', name: '吃拿卡要' },
  { code: 'E06', name: '招商引资承诺不兑现' },
  { code: 'E07', name: '其他侵害企业合法权益' },

  { code: 'P', name: '公共服务' },
  { code: 'P01', name: '市场监管' },
  { code: 'P02', name: '税费' },
  { code: 'P03', name: '社保就业' },
  { code: 'P04', name: '用水用电用气' },
  { code: 'P0401', name: '供水' },
  { code: 'P0402', name: '供电' },
  { code: 'P0403', name: '供气' },
  { code: 'P05', name: '交通运输' },
  { code: 'P06', name: '城乡建设' },
  { code: 'P07', name: '自然资源' },
  { code: 'P08', name: '生态环境' },
  { code: 'P99', name: '其他' },
];

/** Code of the parent: the code without its last level, or null for a branch. */
export function parentCategoryCode(code: string): string | null {
  return code.length > 1 ? code.slice(0, -2) : null;
}
