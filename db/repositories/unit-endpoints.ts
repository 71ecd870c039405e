/** The webhook endpoints of units with a system of their own. Secrets are written here and read only by the push worker and the signature check. */
import type { Database } from '../database';

export interface UnitEndpointRecord {
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  url: string;
  active: boolean;
  updatedAt: string;
}

/** Creates or replaces the unit's endpoint. The secret is stored as given. */
export async function saveUnitEndpoint(db: Database, endpoint: { orgUnitId: number; url: string; secret: string; active: boolean }): Promise<void> {
  const now = new Date();
  const existing = await db.models.UnitEndpoint.findOne({ where: { orgUnitId: endpoint.orgUnitId } });
  if (existing) {
    await existing.update({ url: endpoint.url, secret: endpoint.secret, active: endpoint.active, updatedAt: now });
    return;
  }
  await db.models.UnitEndpoint.create({ ...endpoint, createdAt: now, updatedAt: now });
}

export async function listUnitEndpoints(db: Database): Promise<UnitEndpointRecord[]> {
  const endpoints = await db.models.UnitEndpoint.findAll({ order: [['orgUnitId', 'ASC']] });
  const units = await db.models.OrgUnit.findAll({ where: { id: endpoints.map((endpoint) => endpoint.orgUnitId) } });
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return endpoints.map((endpoint) => ({
    orgUnitId: endpoint.orgUnitId,
    orgUnitCode: byId.get(endpoint.orgUnitId)?.code ?? '',
    orgUnitName: byId.get(endpoint.orgUnitId)?.name ?? '',
    url: endpoint.url,
    active: endpoint.active,
    updatedAt: endpoint.updatedAt.toISOString(),
  }));
}

/** Returns the unit with this code and its endpoint's secret, or null when either is missing or turned off. */
export async function findUnitSecretByCode(db: Database, orgUnitCode: string): Promise<{ orgUnitId: number; secret: string } | null> {
  const unit = await db.models.OrgUnit.findOne({ where: { code: orgUnitCode }, attributes: ['id'] });
  if (!unit) return null;
  const endpoint = await db.models.UnitEndpoint.findOne({ where: { orgUnitId: unit.id, active: true } });
  return endpoint ? { orgUnitId: unit.id, secret: endpoint.secret } : null;
}
