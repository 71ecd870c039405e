import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/**
 * A day of the working-day calendar that differs from the plain Monday-to-Friday week: a public
 * holiday, or a Saturday or Sunday worked in exchange for one (调休上班).
 */
export interface CalendarDayRow extends Model<InferAttributes<CalendarDayRow>, InferCreationAttributes<CalendarDayRow>> {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  day: string;
  kind: 'holiday' | 'workday';
  /** Name shown to admins, such as 春节 or 春节调休上班. */
  name: string;
  /** Admin who last changed the day; null for the seeded days. */
  updatedById: number | null;
  updatedAt: Date;
}

export type CalendarDayModel = ModelStatic<CalendarDayRow>;

export function defineCalendarDay(sequelize: Sequelize): CalendarDayModel {
  return sequelize.define<CalendarDayRow>(
    'CalendarDay',
    {
      day: { type: DataTypes.STRING(10), primaryKey: true },
      kind: { type: DataTypes.STRING(8), allowNull: false, validate: { isIn: [['holiday', 'workday']] } },
      name: { type: DataTypes.STRING(64), allowNull: false },
      updatedById: { type: DataTypes.INTEGER, allowNull: true },
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'calendar_days', underscored: true, createdAt: false, updatedAt: false },
  );
}
