/**
 * Defines every model on one Sequelize instance and links them. Models are defined per
 * instance (not as global classes), so several databases can be open in one process.
 */
import type { Sequelize } from 'sequelize';
import { defineAgentProfile } from './agent-profile';
import { defineAttachment } from './attachment';
import { defineCalendarDay } from './calendar-day';
import { defineCall } from './call';
import { defineCallOffer } from './call-offer';
import { defineCase } from './case';
import { defineCaseDeadline } from './case-deadline';
import { defineCaseEvent } from './case-event';
import { defineCaseQueryCode } from './case-query-code';
import { defineCaseSequence } from './case-sequence';
import { defineCaseUnit } from './case-unit';
import { defineCategory } from './category';
import { defineDelivery } from './delivery';
import { defineDeliveryAttempt } from './delivery-attempt';
import { defineEnterprise } from './enterprise';
import { defineEnterpriseContact } from './enterprise-contact';
import { defineIdentityView } from './identity-view';
import { defineIdempotencyKey } from './idempotency-key';
import { defineIntakeApiKey } from './intake-api-key';
import { defineOrgUnit } from './org-unit';
import { defineSupervisionNotice } from './supervision-notice';
import { defineTimeLimitSetting } from './time-limit-setting';
import { defineUnitEndpoint } from './unit-endpoint';
import { defineUser } from './user';

export function defineModels(sequelize: Sequelize) {
  const models = {
    OrgUnit: defineOrgUnit(sequelize),
    User: defineUser(sequelize),
    AgentProfile: defineAgentProfile(sequelize),
    Enterprise: defineEnterprise(sequelize),
    EnterpriseContact: defineEnterpriseContact(sequelize),
    Call: defineCall(sequelize),
    CallOffer: defineCallOffer(sequelize),
    Category: defineCategory(sequelize),
    Case: defineCase(sequelize),
    CaseEvent: defineCaseEvent(sequelize),
    CaseSequence: defineCaseSequence(sequelize),
    CaseUnit: defineCaseUnit(sequelize),
    IdentityView: defineIdentityView(sequelize),
    CalendarDay: defineCalendarDay(sequelize),
    TimeLimitSetting: defineTimeLimitSetting(sequelize),
    CaseDeadline: defineCaseDeadline(sequelize),
    SupervisionNotice: defineSupervisionNotice(sequelize),
    IntakeApiKey: defineIntakeApiKey(sequelize),
    IdempotencyKey: defineIdempotencyKey(sequelize),
    CaseQueryCode: defineCaseQueryCode(sequelize),
    UnitEndpoint: defineUnitEndpoint(sequelize),
    Delivery: defineDelivery(sequelize),
    DeliveryAttempt: defineDeliveryAttempt(sequelize),
    Attachment: defineAttachment(sequelize),
  };
  const { OrgUnit, User, AgentProfile, Enterprise, EnterpriseContact, Call, CallOffer, Category, Case, CaseEvent } = models;

  // The schema comes from the migrations, so associations add no constraints of their own.
  const link = { constraints: false };
  User.belongsTo(OrgUnit, { ...link, as: 'orgUnit', foreignKey: 'orgUnitId' });
  User.hasOne(AgentProfile, { ...link, as: 'agentProfile', foreignKey: 'userId' });
  AgentProfile.belongsTo(User, { ...link, as: 'user', foreignKey: 'userId' });
  Enterprise.belongsTo(OrgUnit, { ...link, as: 'township', foreignKey: 'townshipId' });
  Enterprise.hasMany(EnterpriseContact, { ...link, as: 'contacts', foreignKey: 'enterpriseId' });
  EnterpriseContact.belongsTo(Enterprise, { ...link, as: 'enterprise', foreignKey: 'enterpriseId' });
  CallOffer.belongsTo(Call, { ...link, as: 'call', foreignKey: 'callId' });
  Case.belongsTo(Category, { ...link, as: 'category', foreignKey: 'categoryId' });
  Case.belongsTo(Enterprise, { ...link, as: 'enterprise', foreignKey: 'enterpriseId' });
  Case.belongsTo(User, { ...link, as: 'createdBy', foreignKey: 'createdById' });
  Case.belongsTo(OrgUnit, { ...link, as: 'handlingUnit', foreignKey: 'handlingUnitId' });
  Case.hasMany(CaseEvent, { ...link, as: 'events', foreignKey: 'caseId' });
  CaseEvent.belongsTo(User, { ...link, as: 'actor', foreignKey: 'actorUserId' });
  Case.hasMany(models.CaseUnit, { ...link, as: 'units', foreignKey: 'caseId' });
  models.CaseUnit.belongsTo(OrgUnit, { ...link, as: 'orgUnit', foreignKey: 'orgUnitId' });
  models.IdentityView.belongsTo(User, { ...link, as: 'user', foreignKey: 'userId' });
  models.Attachment.belongsTo(User, { ...link, as: 'uploadedBy', foreignKey: 'uploadedById' });

  models.Delivery.hasMany(models.DeliveryAttempt, { ...link, as: 'attemptRows', foreignKey: 'deliveryId' });
  models.Delivery.belongsTo(OrgUnit, { ...link, as: 'orgUnit', foreignKey: 'orgUnitId' });

  return models;
}

export type Models = ReturnType<typeof defineModels>;

export type { AgentProfileRow } from './agent-profile';
export type { AttachmentRow } from './attachment';
export type { CalendarDayRow } from './calendar-day';
export type { CallRow } from './call';
export type { CallOfferRow } from './call-offer';
export type { CaseRow } from './case';
export type { CaseDeadlineRow } from './case-deadline';
export type { CaseEventData, CaseEventRow } from './case-event';
export type { CaseQueryCodeRow } from './case-query-code';
export type { CaseSequenceRow } from './case-sequence';
export type { CaseUnitRole, CaseUnitRow, CaseUnitState } from './case-unit';
export type { CategoryRow } from './category';
export type { DeliveryRow, DeliveryStatus } from './delivery';
export type { DeliveryAttemptRow } from './delivery-attempt';
export type { EnterpriseRow } from './enterprise';
export type { EnterpriseContactRow } from './enterprise-contact';
export type { IdentityViewKind, IdentityViewRow } from './identity-view';
export type { IdempotencyKeyRow } from './idempotency-key';
export type { IntakeApiKeyRow } from './intake-api-key';
export type { OrgUnitRow } from './org-unit';
export type { SupervisionNoticeRow, SupervisionResolution } from './supervision-notice';
export type { TimeLimitSettingRow } from './time-limit-setting';
export type { UnitEndpointRow } from './unit-endpoint';
export type { UserRow } from './user';
