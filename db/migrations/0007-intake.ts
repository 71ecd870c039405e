import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

/**
 * Intake channels without an agent: API keys of the WeChat, app and Weibo front ends, the
 * idempotency keys of their requests, and the hashed query codes that let a submitter follow
 * a case on the public progress page.
 */
export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  await queryInterface.createTable(
    'intake_api_keys',
    {
      id: id(),
      name: { type: DataTypes.STRING(100), allowNull: false },
      channel: { type: DataTypes.STRING(16), allowNull: false },
      // The first characters of the key, so admins can tell keys apart without the secret.
      key_prefix: { type: DataTypes.STRING(16), allowNull: false },
      // SHA-256 of the whole key in hex; keys are 256-bit random, so a fast hash is enough.
      key_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      created_by_id: reference('users', true),
      created_at: dateTime(),
      last_used_at: dateTime(true),
      revoked_at: dateTime(true),
    },
    options,
  );

  await queryInterface.createTable(
    'idempotency_keys',
    {
      id: id(),
      api_key_id: reference('intake_api_keys', false),
      idempotency_key: { type: DataTypes.STRING(128), allowNull: false },
      // SHA-256 of the canonical JSON of the request body.
      request_hash: { type: DataTypes.STRING(64), allowNull: false },
      case_id: reference('cases', true),
      created_at: dateTime(),
    },
    options,
  );
  // The unique index makes a concurrent duplicate wait for the first request and then fail.
  await queryInterface.addIndex('idempotency_keys', ['api_key_id', 'idempotency_key'], {
    name: 'idempotency_keys_api_key_id_key',
    unique: true,
  });

  await queryInterface.createTable(
    'case_query_codes',
    {
      case_id: { ...reference('cases', false), primaryKey: true },
      // `scrypt$<salt>$<hash>` in base64; the code itself is never stored.
      code_hash: { type: DataTypes.STRING(160), allowNull: false },
      created_at: dateTime(),
    },
    options,
  );
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('case_query_codes');
  await queryInterface.dropTable('idempotency_keys');
  await queryInterface.dropTable('intake_api_keys');
};
