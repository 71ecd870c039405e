/** Department platforms (二次推送): what the case workflow and the platform use. */
export { enqueueDeliveries, listCaseDeliveries, CASE_DISPATCHED_EVENT } from '../../db/repositories/deliveries';
export type { DeliveryRecord } from '../../db/repositories/deliveries';
export { DeliveryWorker, DEFAULT_BACKOFF, backoffDelay } from './delivery-worker';
export type { BackoffOptions, DeliveryWorkerOptions } from './delivery-worker';
export { signBody, signatureHeaders, verifySignature } from './signature';
