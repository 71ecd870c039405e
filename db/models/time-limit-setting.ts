import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** The site's time-limit settings as one JSON document (row id 1); without the row the built-in defaults apply. */
export interface TimeLimitSettingRow extends Model<InferAttributes<TimeLimitSettingRow>, InferCreationAttributes<TimeLimitSettingRow>> {
  id: number;
  /** `TimeLimitSettings` as JSON text. */
  settings: string;
  updatedById: number | null;
  updatedAt: Date;
}

export type TimeLimitSettingModel = ModelStatic<TimeLimitSettingRow>;

export function defineTimeLimitSetting(sequelize: Sequelize): TimeLimitSettingModel {
  return sequelize.define<TimeLimitSettingRow>(
    'TimeLimitSetting',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      settings: { type: DataTypes.TEXT, allowNull: false },
      updatedById: { type: DataTypes.INTEGER, allowNull: true },
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'time_limit_settings', underscored: true, createdAt: false, updatedAt: false },
  );
}
