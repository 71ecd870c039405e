/**
 * Seeding the demo enterprises, one answered call and the earlier cases of the demo caller.
 * Enterprises are matched by credit code and the call by id. The cases are only created while
 * the first demo enterprise has none.
 */
import type { CaseState } from '../../server/domain/terms';
import type { Database } from '../database';
import { markStageMet, startCaseDeadlines } from '../repositories/case-deadlines';
import { createCase, transitionCase } from '../repositories/cases';
import { DEMO_CALL_ID, DEMO_CALLER_NUMBER, DEMO_CASES, DEMO_ENTERPRISES } from './demo-data';
import { townshipCode } from './organisation';

const DAY_MS = 24 * 3600 * 1000;

/** Creates the missing demo enterprises with their phone numbers and returns how many it created. */
export async function seedDemoEnterprises(db: Database): Promise<number> {
  const { Enterprise, EnterpriseContact, OrgUnit } = db.models;
  return db.transaction(async (transaction) => {
    let created = 0;
    for (const enterprise of DEMO_ENTERPRISES) {
      if (await Enterprise.findOne({ where: { creditCode: enterprise.creditCode }, transaction })) {
        continue;
      }
      const township = await OrgUnit.findOne({ where: { code: townshipCode(enterprise.townshipName) }, transaction });
      const row = await Enterprise.create(
        {
          name: enterprise.name,
          creditCode: enterprise.creditCode,
          address: enterprise.address,
          townshipId: township?.id ?? null,
          contactName: enterprise.contactName,
        },
        { transaction },
      );
      await EnterpriseContact.bulkCreate(
        enterprise.phones.map((contact) => ({ enterpriseId: row.id, phone: contact.phone, name: contact.name })),
        { transaction },
      );
      created++;
    }
    return created;
  });
}

/**
 * Creates the demo call and cases unless the first demo enterprise already has cases, and
 * returns how many cases it created.
 */
export async function seedDemoCases(db: Database, now: Date): Promise<number> {
  const { Enterprise, Case, Category, OrgUnit, User, Call } = db.models;
  const enterprise = await Enterprise.findOne({ where: { creditCode: DEMO_ENTERPRISES[0].creditCode } });
  if (!enterprise || (await Case.count({ where: { enterpriseId: enterprise.id } })) > 0) {
    return 0;
  }

  const userId = async (username: string) => {
    const user = await User.findOne({ where: { username } });
    if (!user) {
      throw new Error(`demo cases need user ${username}; seed the users first`);
    }
    return user.id;
  };
  const daysAgo = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY_MS + minutes * 60_000);

  const callCase = DEMO_CASES.find((demoCase) => demoCase.fromDemoCall);
  if (callCase) {
    await seedDemoCall(db, daysAgo(callCase.daysAgo), await userId('agent1'));
  }

  for (const demoCase of DEMO_CASES) {
    const category = await Category.findOne({ where: { code: demoCase.categoryCode } });
    const registeredBy = demoCase.steps[0]?.actor ?? 'agent1';
    const summary = await createCase(
      db,
      {
        channel: demoCase.channel,
        kind: demoCase.kind,
        categoryId: category?.id ?? null,
        enterpriseId: enterprise.id,
        callerName: demoCase.callerName,
        callerNumber: demoCase.callerNumber,
        title: demoCase.title,
        content: demoCase.content,
        callId: demoCase.fromDemoCall && (await Call.findByPk(DEMO_CALL_ID)) ? DEMO_CALL_ID : null,
      },
      { userId: await userId(registeredBy) },
      { now: daysAgo(demoCase.daysAgo, 5) },
    );

    let state: CaseState = 'registered';
    for (const [index, step] of demoCase.steps.entries()) {
      const unit = step.unitCode ? await OrgUnit.findOne({ where: { code: step.unitCode } }) : null;
      await transitionCase(
        db,
        {
          caseId: summary.id,
          from: state,
          to: step.to,
          type: step.type,
          actorUserId: await userId(step.actor),
          note: step.note,
          data: unit ? { unitId: unit.id, unitName: unit.name } : null,
          handlingUnitId: unit ? unit.id : undefined,
        },
        { now: daysAgo(demoCase.daysAgo, 10 + index * 60) },
      );
      state = step.to;
      if (unit) await putOnUnit(db, summary.id, unit.id, daysAgo(demoCase.daysAgo, 10 + index * 60));
      // A signed case's sign-for clock stopped when the unit signed, as the sign action stops it.
      if (step.to === 'signed') await markStageMet(db, summary.id, 'sign', daysAgo(demoCase.daysAgo, 10 + index * 60));
    }
  }
  return DEMO_CASES.length;
}

/** Makes the unit a demo case was dispatched to its lead unit and starts the case's clocks, as a dispatch does. */
async function putOnUnit(db: Database, caseId: number, orgUnitId: number, dispatchedAt: Date): Promise<void> {
  await db.models.CaseUnit.create({ caseId, orgUnitId, role: 'lead', state: 'active', createdAt: dispatchedAt, updatedAt: dispatchedAt });
  const deadlines = await startCaseDeadlines(db, caseId, dispatchedAt, undefined, { orgUnitId });
  const complete = deadlines.find((deadline) => deadline.stage === 'complete');
  await db.models.Case.update({ dispatchedAt, dueAt: complete ? new Date(complete.dueAt) : null }, { where: { id: caseId }, silent: true });
}

async function seedDemoCall(db: Database, startedAt: Date, agentUserId: number): Promise<void> {
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
  await db.transaction(async (transaction) => {
    await db.models.Call.bulkCreate(
      [
        {
          id: DEMO_CALL_ID,
          channelId: 'demo-channel-0001',
          callerNumber: DEMO_CALLER_NUMBER,
          callerName: '',
          calledNumber: '12345',
          ivrChoice: 'enterprise',
          skill: 'enterprise',
          startedAt,
          queuedAt: at(20),
          offeredAt: at(32),
          answeredAt: at(38),
          endedAt: at(260),
          endedBy: 'caller',
          endPhase: 'talking',
          agentUserId,
        },
      ],
      { ignoreDuplicates: true, transaction },
    );
    const offers = await db.models.CallOffer.count({ where: { callId: DEMO_CALL_ID }, transaction });
    if (offers === 0) {
      await db.models.CallOffer.create(
        { callId: DEMO_CALL_ID, agentUserId, offeredAt: at(32), endedAt: at(38), outcome: 'answered' },
        { transaction },
      );
    }
  });
}
