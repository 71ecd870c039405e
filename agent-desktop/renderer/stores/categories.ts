/** The case category tree (`GET /api/categories`), loaded once per login. */
import { fetchCategories } from '../api/endpoints';
import { ApiError } from '../api/http';
import type { Category } from '../api/types';
import { createStore } from './store';

export interface CategoriesState {
  items: Category[];
  loaded: boolean;
  error: string | null;
}

export const categoriesStore = createStore<CategoriesState>({ items: [], loaded: false, error: null });

export async function loadCategories(): Promise<void> {
  try {
    const items = await fetchCategories();
    categoriesStore.set({ items, loaded: true, error: null });
  } catch (error) {
    const message = error instanceof ApiError ? error.userMessage : '加载分类失败';
    categoriesStore.set((state) => ({ ...state, error: message }));
  }
}

export interface CategoryOption {
  category: Category;
  depth: number;
  /** Names from the root down to this category, joined by " / ". */
  path: string;
  hasChildren: boolean;
}

/** Orders the flat list depth-first, children sorted by code, for an indented select. */
export function toCategoryOptions(categories: Category[]): CategoryOption[] {
  const children = new Map<number | null, Category[]>();
  const ids = new Set(categories.map((category) => category.id));
  for (const category of categories) {
    // A category whose parent is missing from the list is shown at the top level.
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }

  const options: CategoryOption[] = [];
  const visit = (parentId: number | null, depth: number, parentPath: string) => {
    const siblings = [...(children.get(parentId) ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    for (const category of siblings) {
      const path = parentPath ? `${parentPath} / ${category.name}` : category.name;
      const hasChildren = (children.get(category.id)?.length ?? 0) > 0;
      options.push({ category, depth, path, hasChildren });
      visit(category.id, depth + 1, path);
    }
  };
  visit(null, 0, '');
  return options;
}
