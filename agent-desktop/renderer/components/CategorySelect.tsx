import { useMemo } from 'preact/hooks';
import { categoriesStore, toCategoryOptions } from '../stores/categories';
import { useStore } from '../stores/store';
import { describedBy } from './FormField';

interface Props {
  id: string;
  value: number | null;
  error?: string;
  onChange(categoryId: number | null): void;
}

/**
 * The category tree as an indented select. Categories with children only group their children,
 * so only the most specific ones can be picked.
 */
export function CategorySelect({ id, value, error, onChange }: Props) {
  const categories = useStore(categoriesStore);
  const options = useMemo(() => toCategoryOptions(categories.items), [categories.items]);

  return (
    <select
      {...describedBy(id, error)}
      class="input"
      value={value === null ? '' : String(value)}
      onChange={(event) => {
        const selected = event.currentTarget.value;
        onChange(selected === '' ? null : Number(selected));
      }}
    >
      <option value="">{categories.loaded ? '请选择分类' : (categories.error ?? '正在加载分类…')}</option>
      {options.map(({ category, depth, path, hasChildren }) => (
        <option key={category.id} value={String(category.id)} disabled={hasChildren} title={path}>
          {'\u3000'.repeat(depth)}
          {category.name}
        </option>
      ))}
    </select>
  );
}
