/**
 * Turns the hotline's call events into the call log (Call and CallOffer rows), agent state
 * changes and Socket.IO events for the agent's desktops.
 *
 * The screen pop is on the critical path: the caller's history is looked up when the call
 * starts, so that when the phone rings the pop goes out at once, before anything is written.
 * Writes go through a `CallLogWriter`, which batches them in event order and never holds up
 * the pop.
 */
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { endCall, endOffer, markAnswered, markMenuChoice, markOffered, markQueued, normalizePhoneNumber, startCall } from '../../db/repositories';
import type { CallEventMap, CallEventName } from '../../ivr/contract';
import type { AgentStateStore } from '../agents/agent-state-store';
import type { HotlineLink } from '../context';
import { agentRoom, type DeskServer } from '../realtime/gateway';
import type { ServerToClientEvents } from '../realtime/socket-events';
import { CallLogWriter, type CallLogWrite } from './call-log-writer';
import { buildScreenPop, lookUpCallerHistory, type CallerHistory } from './screen-pop';

export interface CallEventHandlerOptions {
  db: Database;
  agents: AgentStateStore;
  io: DeskServer;
  logger: Logger;
  repeatCallerDays: number;
}

/**
 * A caller history older than this is looked up again when the phone rings. Cases registered
 * through this server drop matching histories at once (`forgetHistory`). The age limit covers
 * changes made elsewhere, such as a case closed by its handling unit.
 */
const HISTORY_MAX_AGE_MS = 120_000;

interface CallContext {
  logger: Logger;
  /** Digits of the caller's number, as the call log stores them. */
  callerNumber: string | null;
  /** Settles when the database writes of this call queued so far have finished. */
  writes: Promise<void>;
  /** The caller's history: `at` when its lookup started, `lookupMs` how long the lookup took once done. */
  history: { promise: Promise<CallerHistory>; at: number; lookupMs: number | null; enterpriseId: number | null } | null;
  /** Whether the first `call.queued` was written; later ones only move the position. */
  queuedWritten: boolean;
}

type Handlers = { [Name in CallEventName]: (event: CallEventMap[Name]) => void };

export class CallEventHandler {
  private readonly calls = new Map<string, CallContext>();
  private readonly logger: Logger;
  private readonly handlers: Handlers;
  private readonly writer: CallLogWriter;

  constructor(private readonly options: CallEventHandlerOptions) {
    this.logger = options.logger.child({ component: 'call-events' });
    this.writer = new CallLogWriter(options.db, this.logger);
    this.handlers = {
      'call.started': (event) => this.onStarted(event),
      'call.menu': (event) => this.persist(event.callId, 'menu choice', (transaction) => markMenuChoice(this.options.db, event, { transaction })),
      'call.queued': (event) => this.onQueued(event),
      'call.offered': (event) => this.onOffered(event),
      'call.offer-ended': (event) => this.onOfferEnded(event),
      'call.answered': (event) => this.onAnswered(event),
      'call.held': (event) => this.toAgent(event.agentId, 'call:held', { callId: event.callId }),
      'call.resumed': (event) => this.toAgent(event.agentId, 'call:resumed', { callId: event.callId }),
      'call.ended': (event) => this.onEnded(event),
    };
  }

  /** Subscribes to the hotline's events; returns the function that unsubscribes. */
  attach(hotline: HotlineLink): () => void {
    const names = Object.keys(this.handlers) as CallEventName[];
    for (const name of names) hotline.events.on(name, this.handlers[name] as (event: unknown) => void);
    return () => {
      for (const name of names) hotline.events.off(name, this.handlers[name] as (event: unknown) => void);
    };
  }

  /**
   * Drops the looked-up histories of calls in progress from this number or enterprise, so a
   * case registered while the caller waits shows in the pop.
   */
  forgetHistory(match: { callerNumber: string | null; enterpriseId: number | null }): void {
    const number = match.callerNumber ? normalizePhoneNumber(match.callerNumber) : null;
    for (const call of this.calls.values()) {
      const sameNumber = number !== null && call.callerNumber === number;
      const sameEnterprise = match.enterpriseId !== null && call.history?.enterpriseId === match.enterpriseId;
      if (sameNumber || sameEnterprise) call.history = null;
    }
  }

  /** Resolves when every database write queued so far has finished (or failed and been logged). */
  async settled(): Promise<void> {
    await Promise.all([...this.calls.values()].map((call) => call.writes));
  }

  private onStarted(event: CallEventMap['call.started']): void {
    const call = this.call(event.callId);
    call.logger.info({ callerNumber: maskNumber(event.callerNumber) }, 'call started');
    this.persist(event.callId, 'start', (transaction) => startCall(this.options.db, event, { transaction }));
    this.history(event.callId, event.callerNumber);
  }

  /** Writes the first queueing of a call; position updates change nothing that the call log keeps. */
  private onQueued(event: CallEventMap['call.queued']): void {
    const call = this.call(event.callId);
    if (call.queuedWritten) return;
    call.queuedWritten = true;
    this.persist(event.callId, 'queued', (transaction) => markQueued(this.options.db, event, { transaction }));
  }

  private onOffered(event: CallEventMap['call.offered']): void {
    const call = this.call(event.callId);
    call.logger.info({ agentId: event.agentId }, 'agent ringing, sending the screen pop');

    const offeredAt = performance.now();
    const prefetched = call.history !== null;
    this.history(event.callId, event.callerNumber)
      .then((history) => {
        const pop = buildScreenPop(event, history);
        // The pop is shown only while this agent is still ringing for, or talking on, the call.
        if (!this.options.agents.attachPop(event.agentId, pop)) {
          call.logger.info({ agentId: event.agentId }, 'screen pop dropped: the agent left the call before it was ready');
          return;
        }
        this.options.io.to(agentRoom(event.agentId)).emit('call:pop', pop);
        const lookupMs = call.history?.lookupMs ?? null;
        call.logger.debug({ agentId: event.agentId, prefetched, lookupMs, elapsedMs: Math.round(performance.now() - offeredAt) }, 'screen pop sent');
      })
      .catch((error: unknown) => call.logger.error({ err: error, agentId: event.agentId }, 'screen pop failed'));

    const agentUserId = this.agentUserId(event.agentId);
    if (agentUserId !== null) {
      this.persist(event.callId, 'offer', (transaction) =>
        markOffered(this.options.db, { callId: event.callId, agentUserId, offeredAt: event.offeredAt }, { transaction }),
      );
    }
  }

  private onOfferEnded(event: CallEventMap['call.offer-ended']): void {
    this.call(event.callId).logger.info({ agentId: event.agentId, outcome: event.outcome }, 'ringing ended without answer');
    // Call control releases the agent itself; this covers a release that did not reach the pool.
    if (this.isRinging(event.agentId, event.callId)) this.options.agents.release(event.agentId, event.callId, event.outcome);
    this.toAgent(event.agentId, 'call:offer-ended', { callId: event.callId, outcome: event.outcome });

    const agentUserId = this.agentUserId(event.agentId);
    if (agentUserId !== null) {
      this.persist(event.callId, 'offer end', (transaction) =>
        endOffer(this.options.db, { callId: event.callId, agentUserId, outcome: event.outcome, endedAt: event.at }, { transaction }),
      );
    }
  }

  private onAnswered(event: CallEventMap['call.answered']): void {
    this.call(event.callId).logger.info({ agentId: event.agentId, bridgeId: event.bridgeId }, 'call answered');
    this.options.agents.callAnswered(event.agentId, event.callId);
    this.toAgent(event.agentId, 'call:answered', { callId: event.callId });

    const agentUserId = this.agentUserId(event.agentId);
    if (agentUserId !== null) {
      this.persist(event.callId, 'answer', (transaction) =>
        markAnswered(
          this.options.db,
          { callId: event.callId, agentUserId, bridgeId: event.bridgeId, recordingName: event.recordingName, answeredAt: event.answeredAt },
          { transaction },
        ),
      );
    }
  }

  private onEnded(event: CallEventMap['call.ended']): void {
    const call = this.call(event.callId);
    call.logger.info({ endedBy: event.endedBy, phase: event.phase, agentId: event.agentId }, 'call ended');
    if (event.agentId) {
      this.options.agents.callEnded(event.agentId, event.callId);
      this.toAgent(event.agentId, 'call:ended', { callId: event.callId, endedBy: event.endedBy });
    }

    const agentUserId = event.agentId ? this.agentUserId(event.agentId) : null;
    this.persist(event.callId, 'end', (transaction) =>
      endCall(
        this.options.db,
        { callId: event.callId, endedBy: event.endedBy, phase: event.phase, agentUserId, recordingName: event.recordingName, endedAt: event.endedAt },
        { transaction },
      ),
    );
    // The context goes once its writes are done; a late event would start a fresh one.
    const writes = call.writes;
    void writes.then(() => {
      if (this.calls.get(event.callId)?.writes === writes) this.calls.delete(event.callId);
    });
  }

  private call(callId: string): CallContext {
    let call = this.calls.get(callId);
    if (!call) {
      call = { logger: this.logger.child({ callId }), callerNumber: null, writes: Promise.resolve(), history: null, queuedWritten: false };
      this.calls.set(callId, call);
    }
    return call;
  }

  /** Returns the caller's history, looked up now or reused from the start of the call. */
  private history(callId: string, callerNumber: string): Promise<CallerHistory> {
    const call = this.call(callId);
    call.callerNumber = normalizePhoneNumber(callerNumber);
    if (call.history && Date.now() - call.history.at <= HISTORY_MAX_AGE_MS) return call.history.promise;

    const promise = lookUpCallerHistory(this.options.db, { callId, callerNumber }, { repeatCallerDays: this.options.repeatCallerDays });
    const entry: NonNullable<CallContext['history']> = { promise, at: Date.now(), lookupMs: null, enterpriseId: null };
    call.history = entry;
    promise.then(
      (history) => {
        entry.enterpriseId = history.enterprise?.id ?? null;
        entry.lookupMs = Date.now() - entry.at;
      },
      // A failed lookup is reported by the pop that awaits it; it must not be reused.
      () => {
        if (call.history === entry) call.history = null;
      },
    );
    return promise;
  }

  /** Queues a write of this call after its earlier ones; a failure is logged and does not stop later writes. */
  private persist(callId: string, step: string, write: CallLogWrite): void {
    const call = this.call(callId);
    const written = this.writer.write(write).then(
      (stored) => {
        if (stored === false) call.logger.warn({ step }, 'call log not updated: the call is not stored');
      },
      (error: unknown) => call.logger.error({ err: error, step }, 'writing the call log failed'),
    );
    // The writer runs writes first in, first out, so `written` settles after the call's earlier writes.
    call.writes = Promise.all([call.writes, written]).then(() => undefined);
  }

  private toAgent<E extends 'call:answered' | 'call:offer-ended' | 'call:held' | 'call:resumed' | 'call:ended'>(
    agentId: string,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): void {
    (this.options.io.to(agentRoom(agentId)).emit as (name: string, payload: unknown) => boolean)(event, payload);
  }

  private isRinging(agentId: string, callId: string): boolean {
    const status = this.options.agents.status(agentId);
    return status?.state === 'ringing' && status.callId === callId;
  }

  private agentUserId(agentId: string): number | null {
    const profile = this.options.agents.profile(agentId);
    if (!profile) this.logger.warn({ agentId }, 'call event names an agent without a profile');
    return profile?.userId ?? null;
  }
}

/** Keeps the first three and last four digits, so logs do not carry whole numbers of callers. */
export function maskNumber(number: string): string {
  if (number.length <= 7) return '*'.repeat(number.length);
  return `${number.slice(0, 3)}${'*'.repeat(number.length - 7)}${number.slice(-4)}`;
}
