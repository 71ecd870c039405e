import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** A node of the case category tree (matter types of enterprises, public services). */
export interface CategoryRow extends Model<InferAttributes<CategoryRow>, InferCreationAttributes<CategoryRow>> {
  id: CreationOptional<number>;
  /** Stable code that seeds and statistics match on. A child's code starts with its parent's. */
  code: string;
  name: string;
  parentId: CreationOptional<number | null>;
  active: CreationOptional<boolean>;
}

export type CategoryModel = ModelStatic<CategoryRow>;

export function defineCategory(sequelize: Sequelize): CategoryModel {
  return sequelize.define<CategoryRow>(
    'Category',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      parentId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    },
    { tableName: 'categories', underscored: true, timestamps: false },
  );
}
