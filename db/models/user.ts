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
import { ROLES, type Role } from '../../server/domain/terms';
import type { AgentProfileRow } from './agent-profile';
import type { OrgUnitRow } from './org-unit';

/** A person who logs in: agent, supervisor, unit handler, leader or admin. */
export interface UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  id: CreationOptional<number>;
  username: string;
  /** bcrypt hash of the password. */
  passwordHash: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  active: CreationOptional<boolean>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;

  orgUnit?: NonAttribute<OrgUnitRow>;
  agentProfile?: NonAttribute<AgentProfileRow | null>;
}

export type UserModel = ModelStatic<UserRow>;

export function defineUser(sequelize: Sequelize): UserModel {
  return sequelize.define<UserRow>(
    'User',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      passwordHash: { type: DataTypes.STRING(100), allowNull: false },
      displayName: { type: DataTypes.STRING(64), allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...ROLES]] } },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'users', underscored: true },
  );
}
