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
import type { EnterpriseContactRow } from './enterprise-contact';
import type { OrgUnitRow } from './org-unit';

/** An enterprise known to the platform, identified by its unified social credit code. */
export interface EnterpriseRow extends Model<InferAttributes<EnterpriseRow>, InferCreationAttributes<EnterpriseRow>> {
  id: CreationOptional<number>;
  name: string;
  /** Unified social credit code in capitals (GB 32100-2015). */
  creditCode: string;
  address: CreationOptional<string | null>;
  /** Township or sub-district the enterprise is in. */
  townshipId: CreationOptional<number | null>;
  contactName: CreationOptional<string | null>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;

  township?: NonAttribute<OrgUnitRow | null>;
  contacts?: NonAttribute<EnterpriseContactRow[]>;
}

export type EnterpriseModel = ModelStatic<EnterpriseRow>;

export function defineEnterprise(sequelize: Sequelize): EnterpriseModel {
  return sequelize.define<EnterpriseRow>(
    'Enterprise',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      creditCode: { type: DataTypes.STRING(18), allowNull: false, unique: true },
      address: { type: DataTypes.STRING(255), allowNull: true, defaultValue: null },
      townshipId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      contactName: { type: DataTypes.STRING(64), allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'enterprises', underscored: true },
  );
}
