import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { EnterpriseRow } from './enterprise';

/** A phone number of an enterprise, so that an incoming caller number finds the enterprise. */
export interface EnterpriseContactRow extends Model<InferAttributes<EnterpriseContactRow>, InferCreationAttributes<EnterpriseContactRow>> {
  id: CreationOptional<number>;
  enterpriseId: number;
  /** Digits only, as `normalizePhoneNumber` returns them. */
  phone: string;
  name: CreationOptional<string | null>;

  enterprise?: NonAttribute<EnterpriseRow>;
}

export type EnterpriseContactModel = ModelStatic<EnterpriseContactRow>;

export function defineEnterpriseContact(sequelize: Sequelize): EnterpriseContactModel {
  return sequelize.define<EnterpriseContactRow>(
    'EnterpriseContact',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      enterpriseId: { type: DataTypes.INTEGER, allowNull: false },
      phone: { type: DataTypes.STRING(32), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: true, defaultValue: null },
    },
    { tableName: 'enterprise_contacts', underscored: true, timestamps: false },
  );
}
