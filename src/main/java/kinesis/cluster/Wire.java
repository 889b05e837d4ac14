package kinesis.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * The messages between a coordinator (the learner of {@code train --cluster}, or a distributed
 * {@code eval}) and its workers; every one that crosses JVMs is a {@link Message}, written by
 * {@link WireSerializer}. Admission: Hello, Challenge (a random nonce), Proof (HMAC of the nonce
 * with the shared secret), then Welcome (worker id, session number, run setup) or Refused. After
 * that all traffic is {@link Part}s of payloads carrying the worker id and session: policies, work
 * requests, trajectory segments, evaluation jobs and their results.
 */
final class Wire {
  private Wire() {}

  /** Sent between JVMs (serialised by {@link WireSerializer}). */
  interface Message {}

  /** What a coordinator receives. */
  interface ToCoordinator {}

  /** What a worker receives. */
  interface ToWorker {}

  record Hello(ActorRef<ToWorker> worker, String name, int cores)
      implements Message, ToCoordinator {}

  record Challenge(ActorRef<ToCoordinator> coordinator, byte[] nonce)
      implements Message, ToWorker {}

  record Proof(ActorRef<ToWorker> worker, byte[] mac) implements Message, ToCoordinator {}

  record Welcome(int workerId, long session, byte[] setup) implements Message, ToWorker {}

  record Refused(String reason) implements Message, ToWorker {}

  /** Payload kinds of {@link Part}. */
  static final int POLICY = 1, WORK = 2, SEGMENT = 3, EVAL_SETUP = 4, EVAL_JOB = 5, EVAL_RESULT = 6;

  /**
   * Piece {@code index} of {@code count} of payload {@code id} of a kind; frames stay small, so big
   * payloads never block the link.
   */
  record Part(int workerId, long session, int kind, long id, int index, int count, byte[] data)
      implements Message, ToCoordinator, ToWorker {}
}
