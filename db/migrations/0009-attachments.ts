import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

export const up: Migration = async ({ context: queryInterface }) => {
  await queryInterface.createTable(
    'attachments',
    {
      id: id(),
      case_id: reference('cases', false),
      uploaded_by_id: reference('users', false),
      // The uploader's unit at the time of the upload, so the timeline can say which unit sent the file.
      org_unit_id: reference('org_units', true),
      file_name: { type: DataTypes.STRING(200), allowNull: false },
      content_type: { type: DataTypes.STRING(100), allowNull: false },
      size_bytes: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.STRING(64), allowNull: false },
      // Name of the stored file inside the attachments folder; never derived from the uploaded name.
      storage_key: { type: DataTypes.STRING(80), allowNull: false, unique: true },
      created_at: dateTime(),
    },
    tableOptions(queryInterface),
  );
  await queryInterface.addIndex('attachments', ['case_id', 'id'], { name: 'attachments_case_id_id' });
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('attachments');
};
