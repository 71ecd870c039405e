/**
 * OpenAPI paths and response schemas of the time limits: the admin routes for the working-day
 * calendar and the limit settings, and the list of supervision notices.
 */
import { z } from 'zod';
import { supervisionQuerySchema } from '../routes/supervision/router';
import {
  calendarDateSchema,
  calendarDayBodySchema,
  calendarQuerySchema,
  calendarYearBodySchema,
  calendarYearSchema,
  timeLimitSettingsDocSchema,
} from '../routes/time-limits/schemas';
import { error, json, parameters, ref, schemaOf, type JsonSchema } from './schema-helpers';

const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema) } } });
const ADMIN_ERRORS = {
  401: error('AUTH_REQUIRED without a token, AUTH_INVALID for a bad or expired token'),
  403: error('FORBIDDEN: only admins may use this route'),
};

export const TIME_LIMIT_SCHEMAS: Record<string, JsonSchema> = {
  SupervisionNoticeList: {
    type: 'object',
    required: ['items', 'total'],
    properties: {
      total: { type: 'integer' },
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'caseId', 'caseNo', 'title', 'orgUnitId', 'orgUnitName', 'stage', 'dueAt', 'createdAt', 'escalatedAt', 'resolvedAt', 'resolution'],
          properties: {
            id: { type: 'integer' },
            caseId: { type: 'integer' },
            caseNo: { type: 'string' },
            title: { type: 'string' },
            orgUnitId: { type: ['integer', 'null'] },
            orgUnitName: { type: ['string', 'null'] },
            stage: { type: 'string', enum: ['sign', 'first-contact', 'complete'] },
            dueAt: { type: 'string', format: 'date-time', description: 'The missed due date' },
            createdAt: { type: 'string', format: 'date-time' },
            escalatedAt: { type: ['string', 'null'], format: 'date-time' },
            resolvedAt: { type: ['string', 'null'], format: 'date-time' },
            resolution: { type: ['string', 'null'], enum: ['met', 'extended', 'cancelled', null] },
          },
        },
      },
    },
  },
  CalendarDay: {
    type: 'object',
    required: ['date', 'kind', 'name', 'updatedById', 'updatedAt'],
    properties: {
      date: { type: 'string', description: 'YYYY-MM-DD in Asia/Shanghai' },
      kind: { type: 'string', enum: ['holiday', 'workday'], description: 'holiday: a rest day; workday: a Saturday or Sunday worked in exchange (调休上班)' },
      name: { type: 'string' },
      updatedById: { type: ['integer', 'null'], description: 'null for the seeded days' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  Calendar: {
    type: 'object',
    required: ['days', 'years'],
    properties: {
      days: { type: 'array', items: ref('CalendarDay') },
      years: { type: 'array', items: { type: 'integer' }, description: 'Years with at least one stored day; a missing year counts only weekends as rest days' },
    },
  },
  TimeLimitSettings: {
    type: 'object',
    required: ['settings', 'isDefault', 'updatedById', 'updatedAt'],
    properties: {
      settings: schemaOf(timeLimitSettingsDocSchema),
      isDefault: { type: 'boolean', description: 'True while no admin has saved settings and the built-in defaults apply' },
      updatedById: { type: ['integer', 'null'] },
      updatedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
};

export const TIME_LIMIT_PATHS: Record<string, JsonSchema> = {
  '/api/supervision-notices': {
    get: {
      summary: 'Supervision notices (督办单) raised for missed due dates, newest first',
      description: 'Supervisors, leaders and admins see every unit’s notices; a unit handler sees those of their own unit.',
      parameters: parameters(supervisionQuerySchema, 'query'),
      responses: {
        200: json(ref('SupervisionNoticeList'), 'One page of notices'),
        400: error('VALIDATION_FAILED'),
        401: ADMIN_ERRORS[401],
        403: error('FORBIDDEN: agents may not list notices'),
      },
    },
  },
  '/api/admin/calendar': {
    get: {
      summary: 'Stored public holidays and make-up working days, of one year or all',
      parameters: parameters(calendarQuerySchema, 'query'),
      responses: { 200: json(ref('Calendar'), 'The days in date order'), 400: error('VALIDATION_FAILED: invalid year'), ...ADMIN_ERRORS },
    },
  },
  '/api/admin/calendar/{date}': {
    put: {
      summary: 'Store one holiday or make-up working day, replacing what the date had',
      description: 'Due dates already running keep their dates; the day applies to clocks started afterwards.',
      parameters: parameters(calendarDateSchema, 'path'),
      requestBody: body(calendarDayBodySchema),
      responses: {
        200: json(ref('CalendarDay'), 'The stored day'),
        400: error('VALIDATION_FAILED: invalid date, missing name, or a make-up working day on Monday to Friday'),
        ...ADMIN_ERRORS,
      },
    },
    delete: {
      summary: 'Remove a stored day, so the date counts as a plain weekday or weekend day',
      parameters: parameters(calendarDateSchema, 'path'),
      responses: { 204: { description: 'Removed' }, 400: error('VALIDATION_FAILED: invalid date'), 404: error('NOT_FOUND: nothing stored for the date'), ...ADMIN_ERRORS },
    },
  },
  '/api/admin/calendar/years/{year}': {
    put: {
      summary: "Replace every stored day of a year, such as a new year's arrangement from the State Council",
      parameters: parameters(calendarYearSchema, 'path'),
      requestBody: body(calendarYearBodySchema),
      responses: {
        200: json(ref('Calendar'), 'The days of the year and the covered years'),
        400: error('VALIDATION_FAILED with fields days.N.*: an invalid day, a duplicate, or a day outside the year'),
        ...ADMIN_ERRORS,
      },
    },
  },
  '/api/admin/time-limits': {
    get: {
      summary: "The site's limits for signing for, first contact and completion, per case kind and category, and the yellow warning",
      responses: { 200: json(ref('TimeLimitSettings'), 'The settings, or the built-in defaults'), ...ADMIN_ERRORS },
    },
    put: {
      summary: 'Replace the time-limit settings; clocks started afterwards use them',
      requestBody: body(timeLimitSettingsDocSchema),
      responses: {
        200: json(ref('TimeLimitSettings'), 'The stored settings'),
        400: error('VALIDATION_FAILED: a missing or invalid limit, a limit over 250 working days or 200 working hours, or an unknown category code'),
        ...ADMIN_ERRORS,
      },
    },
  },
};
