/**
 * Column and table helpers shared by the migrations, so both dialects get the same schema.
 * Migrations describe the schema as it was when they were written: they never import models.
 */
import { DataTypes, type DataType, type ModelAttributeColumnOptions, type QueryInterface, type QueryInterfaceCreateTableOptions } from 'sequelize';

export type Migration = (params: { context: QueryInterface }) => Promise<void>;

/** InnoDB with utf8mb4 on MySQL and MariaDB, so Chinese text and any other Unicode text round-trips. */
export function tableOptions(queryInterface: QueryInterface): QueryInterfaceCreateTableOptions {
  if (queryInterface.sequelize.getDialect() !== 'mysql') {
    return {};
  }
  return { engine: 'InnoDB', charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };
}

export const id = (): ModelAttributeColumnOptions => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });

/** A date and time with milliseconds, stored in UTC. */
export const dateTime = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.DATE(3), allowNull });

/** A reference to `table`.`id` that blocks deleting the referenced row. */
export function reference(table: string, allowNull: boolean, type: DataType = DataTypes.INTEGER): ModelAttributeColumnOptions {
  return {
    type,
    allowNull,
    references: { model: table, key: 'id' },
    onUpdate: 'CASCADE',
    onDelete: 'RESTRICT',
  };
}
