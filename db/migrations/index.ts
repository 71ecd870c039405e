/**
 * The ordered list of migrations. A new migration gets the next number and is added here.
 * An applied migration is never edited, because databases in the field have already run it.
 */
import * as organisationAndUsers from './0001-organisation-and-users';
import * as enterprises from './0002-enterprises';
import * as calls from './0003-calls';
import * as cases from './0004-cases';
import * as caseWorkflow from './0005-case-workflow';
import * as timeLimits from './0006-time-limits';
import * as intake from './0007-intake';
import * as departmentPush from './0008-department-push';
import * as attachments from './0009-attachments';
import type { Migration } from './schema-helpers';

export const MIGRATIONS: { name: string; up: Migration; down: Migration }[] = [
  { name: '0001-organisation-and-users', ...organisationAndUsers },
  { name: '0002-enterprises', ...enterprises },
  { name: '0003-calls', ...calls },
  { name: '0004-cases', ...cases },
  { name: '0005-case-workflow', ...caseWorkflow },
  { name: '0006-time-limits', ...timeLimits },
  { name: '0007-intake', ...intake },
  { name: '0008-department-push', ...departmentPush },
  { name: '0009-attachments', ...attachments },
];
