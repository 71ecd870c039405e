/** OpenAPI paths of the department platforms: deliveries of a case, units' endpoints, and the signed status reports. */
import { statusReportSchema } from '../../../department-push/status-report';
import { unitEndpointRequestSchema } from './router';
import { error, json, schemaOf, type JsonSchema } from '../../openapi/schema-helpers';

const SIGNED_IN_ERRORS = { 401: error('AUTH_REQUIRED without a token, AUTH_INVALID for a bad or expired token') };
const pathParameter = (name: string, type: string) => ({ name, in: 'path', required: true, schema: { type } });

const attempt = {
  type: 'object',
  properties: {
    attempt: { type: 'integer' },
    startedAt: { type: 'string', format: 'date-time' },
    responseCode: { type: ['integer', 'null'], description: 'Null when no HTTP response arrived' },
    succeeded: { type: 'boolean' },
    error: { type: ['string', 'null'] },
  },
};

const delivery = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseId: { type: 'integer' },
    orgUnitId: { type: 'integer' },
    orgUnitName: { type: ['string', 'null'] },
    event: { type: 'string', examples: ['case.dispatched'] },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    responseCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    attemptLog: { type: 'array', items: attempt },
  },
};

const endpoint = {
  type: 'object',
  properties: {
    orgUnitId: { type: 'integer' },
    orgUnitCode: { type: 'string' },
    orgUnitName: { type: 'string' },
    url: { type: 'string' },
    active: { type: 'boolean' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const SIGNATURE_DESCRIPTION =
  'Signed by the unit: `X-Mq-Unit` is the unit code, `X-Mq-Timestamp` Unix seconds (at most 300 s off), and `X-Mq-Signature` is `v1=` + hex HMAC-SHA256 with the unit secret over `<timestamp>.<raw body>`. Webhooks to units carry the same two headers plus `X-Mq-Delivery` and `X-Mq-Event`.';

export const DEPARTMENT_PATHS: Record<string, JsonSchema> = {
  '/api/cases/{id}/deliveries': {
    get: {
      summary: "Every push of the case to units' systems, each with its attempts",
      parameters: [pathParameter('id', 'integer')],
      responses: {
        200: json({ type: 'array', items: delivery }, 'The deliveries, oldest first'),
        400: error('VALIDATION_FAILED'),
        403: error('FORBIDDEN'),
        404: error('NOT_FOUND'),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  '/api/admin/unit-endpoints': {
    get: {
      summary: "Units' webhook endpoints (without secrets)",
      responses: { 200: json({ type: 'array', items: endpoint }, 'The endpoints'), 403: error('FORBIDDEN: admins only'), ...SIGNED_IN_ERRORS },
    },
  },
  '/api/admin/unit-endpoints/{orgUnitId}': {
    put: {
      summary: "Set a unit's webhook URL and secret",
      description: 'Without `secret` the platform generates one and returns it in this response only.',
      parameters: [pathParameter('orgUnitId', 'integer')],
      requestBody: { required: true, content: { 'application/json': { schema: schemaOf(unitEndpointRequestSchema) } } },
      responses: {
        200: json({ ...endpoint, properties: { ...endpoint.properties, secret: { type: 'string' } } }, 'The saved endpoint'),
        400: error('VALIDATION_FAILED'),
        403: error('FORBIDDEN: admins only'),
        404: error('NOT_FOUND: no such unit'),
        ...SIGNED_IN_ERRORS,
      },
    },
  },
  '/api/department/cases/{caseNo}/status': {
    post: {
      summary: "A unit's system reports the status of a case pushed to it",
      description: `${SIGNATURE_DESCRIPTION} \`signed\`, \`contacted\`, \`replied\` and \`returned\` are taken as the workflow actions sign, contact, reply (co-reply for a co-handling unit) and return under the unit's system account; \`received\` and \`in-progress\` are timeline notes.`,
      security: [],
      parameters: [
        pathParameter('caseNo', 'string'),
        { name: 'X-Mq-Unit', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'X-Mq-Timestamp', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'X-Mq-Signature', in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: schemaOf(statusReportSchema) } } },
      responses: {
        201: json(
          {
            type: 'object',
            properties: { caseNo: { type: 'string' }, eventId: { type: 'integer' }, action: { type: ['string', 'null'], description: 'The workflow action taken, or null for a note' } },
          },
          'Applied to the case',
        ),
        400: error('VALIDATION_FAILED'),
        401: error('AUTH_INVALID: unknown unit, stale timestamp or wrong signature'),
        403: error('FORBIDDEN: the unit may not take this action on the case'),
        404: error('NOT_FOUND: no such case, or the case was never pushed to this unit'),
        409: error('INVALID_STATE or CONFLICT: the case is not in a state for this action'),
      },
    },
  },
};
