package kinesis.cluster;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The coordinator actor of a learner or a distributed evaluation: admits workers that prove they
 * hold the secret, sends them the newest policy, hands out segment requests and evaluation jobs,
 * and re-issues the work of a worker that leaves or becomes unreachable (which it downs). The
 * training and evaluation threads talk to it with {@link Publish} and {@link Evaluate}.
 */
final class Coordinator extends AbstractBehavior<Wire.ToCoordinator> {
  static final ServiceKey<Wire.ToCoordinator> KEY =
      ServiceKey.create(Wire.ToCoordinator.class, "kinesis-coordinator");

  /**
   * Policy {@code version} for {@code need} segments; completes with them (fresh or, if allowed,
   * stale).
   */
  record Publish(
      long version, byte[] policy, long globalStep, int need, CompletableFuture<List<Segment>> done)
      implements Wire.ToCoordinator {}

  /** Evaluation jobs with their setup; completes with the result payloads in job order. */
  record Evaluate(byte[] setup, List<byte[]> jobs, CompletableFuture<List<byte[]>> done)
      implements Wire.ToCoordinator {}

  private record MemberGone(Address address, String why) implements Wire.ToCoordinator {}

  private record Ignore() implements Wire.ToCoordinator {}

  private static final class Worker {
    final int id;
    final long session;
    final ActorRef<Wire.ToWorker> ref;
    final int cores;
    final Parts.Assembler parts = new Parts.Assembler();
    long request = -1; // segment request in flight
    final Set<Integer> jobs = new HashSet<>();

    Worker(int id, long session, ActorRef<Wire.ToWorker> ref, int cores) {
      this.id = id;
      this.session = session;
      this.ref = ref;
      this.cores = cores;
    }
  }

  private final Secret secret;
  private final byte[] setup;
  private final boolean useStale;
  private final int maxStaleness;
  private final PrintStream out;
  private final CoordinatorStats stats;
  private final SecureRandom random = new SecureRandom();

  private record Pending(byte[] nonce, int cores) {}

  private final Map<String, Pending> nonces = new HashMap<>();
  private final Map<Integer, Worker> workers = new LinkedHashMap<>();
  private int nextWorker = 1;
  private long nextRequest = 1;
  // training
  private long version = -1, globalStep;
  private byte[] policy;
  private Publish collecting;
  private final List<Segment> accepted = new ArrayList<>(), buffered = new ArrayList<>();
  // evaluation
  private byte[] evalSetup;
  private Evaluate evaluating;
  private final ArrayDeque<Integer> jobQueue = new ArrayDeque<>();
  private byte[][] jobResults;
  private int jobsDone;

  static Behavior<Wire.ToCoordinator> create(
      Secret secret,
      byte[] setup,
      boolean useStale,
      int maxStaleness,
      PrintStream out,
      CoordinatorStats stats) {
    return Behaviors.setup(
        ctx -> new Coordinator(ctx, secret, setup, useStale, maxStaleness, out, stats));
  }

  private Coordinator(
      ActorContext<Wire.ToCoordinator> ctx,
      Secret secret,
      byte[] setup,
      boolean useStale,
      int maxStaleness,
      PrintStream out,
      CoordinatorStats stats) {
    super(ctx);
    this.secret = secret;
    this.setup = setup;
    this.useStale = useStale;
    this.maxStaleness = maxStaleness;
    this.out = out;
    this.stats = stats;
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    ActorRef<ClusterEvent.ClusterDomainEvent> events =
        ctx.messageAdapter(
            ClusterEvent.ClusterDomainEvent.class,
            e ->
                switch (e) {
                  case ClusterEvent.UnreachableMember u ->
                      new MemberGone(u.member().address(), "unreachable");
                  case ClusterEvent.MemberRemoved r -> new MemberGone(r.member().address(), "left");
                  case ClusterEvent.MemberExited x -> new MemberGone(x.member().address(), "left");
                  default -> new Ignore();
                });
    Cluster.get(ctx.getSystem())
        .subscriptions()
        .tell(Subscribe.create(events, ClusterEvent.ClusterDomainEvent.class));
  }

  @Override
  public Receive<Wire.ToCoordinator> createReceive() {
    return newReceiveBuilder()
        .onMessage(Wire.Hello.class, this::hello)
        .onMessage(Wire.Proof.class, this::proof)
        .onMessage(Wire.Part.class, this::part)
        .onMessage(Publish.class, this::publish)
        .onMessage(Evaluate.class, this::evaluate)
        .onMessage(MemberGone.class, this::gone)
        .onMessage(Ignore.class, m -> this)
        .build();
  }

  private String refKey(ActorRef<?> ref) {
    return org.apache.pekko.actor.typed.ActorRefResolver.get(getContext().getSystem())
        .toSerializationFormat(ref);
  }

  private Behavior<Wire.ToCoordinator> hello(Wire.Hello h) {
    byte[] nonce = Secret.nonce();
    nonces.put(refKey(h.worker()), new Pending(nonce, Math.max(1, Math.min(1024, h.cores()))));
    h.worker().tell(new Wire.Challenge(getContext().getSelf(), nonce));
    return this;
  }

  private Behavior<Wire.ToCoordinator> proof(Wire.Proof p) {
    String key = refKey(p.worker());
    Pending pending = nonces.remove(key);
    if (pending == null || !secret.verify(pending.nonce(), key, p.mac())) {
      stats.refused();
      out.println("cluster: refused a worker at " + p.worker().path().address() + ": wrong secret");
      p.worker().tell(new Wire.Refused("wrong secret"));
      return this;
    }
    Worker w = new Worker(nextWorker++, random.nextLong(), p.worker(), pending.cores());
    workers.put(w.id, w);
    stats.workers(workers.size());
    out.println(
        "cluster: worker "
            + w.id
            + " joined from "
            + p.worker().path().address()
            + " ("
            + workers.size()
            + " now)");
    w.ref.tell(new Wire.Welcome(w.id, w.session, setup));
    if (policy != null) send(w, Wire.POLICY, version, policy);
    if (evalSetup != null) send(w, Wire.EVAL_SETUP, 0, evalSetup);
    dispatch();
    return this;
  }

  private void send(Worker w, int kind, long id, byte[] payload) {
    for (Wire.Part part : Parts.split(w.id, w.session, kind, id, payload)) w.ref.tell(part);
    stats.sent(payload.length);
  }

  private Behavior<Wire.ToCoordinator> part(Wire.Part p) {
    Worker w = workers.get(p.workerId());
    if (w == null || w.session != p.session()) return this; // not an admitted worker: ignored
    byte[] payload = w.parts.add(p);
    if (payload == null) return this;
    stats.received(payload.length);
    try {
      if (p.kind() == Wire.SEGMENT) segment(w, Segment.decode(payload));
      else if (p.kind() == Wire.EVAL_RESULT) result(w, payload);
    } catch (IllegalArgumentException e) {
      out.println("cluster: malformed payload from worker " + w.id + ": " + e.getMessage());
    }
    dispatch();
    return this;
  }

  private void segment(Worker w, Segment s) {
    if (s.request() != w.request) return;
    w.request = -1;
    if (collecting != null) offer(s);
    else buffered.add(s);
    finishCollect();
  }

  /**
   * Accepts a segment into the current collection when it is fresh, or stale within the allowed
   * lag; else drops it.
   */
  private void offer(Segment s) {
    long lag = version - s.version();
    if (accepted.size() >= collecting.need()) {
      buffered.add(s);
    } else if (lag == 0) {
      accepted.add(s);
    } else if (useStale && lag > 0 && lag <= maxStaleness) {
      accepted.add(s);
      stats.staleUsed();
    } else {
      stats.dropped();
    }
  }

  private void finishCollect() {
    if (collecting != null && accepted.size() >= collecting.need()) {
      collecting.done().complete(List.copyOf(accepted));
      accepted.clear();
      collecting = null;
    }
  }

  private Behavior<Wire.ToCoordinator> publish(Publish p) {
    version = p.version();
    policy = p.policy();
    globalStep = p.globalStep();
    collecting = p;
    accepted.clear();
    for (Worker w : workers.values()) send(w, Wire.POLICY, version, policy);
    List<Segment> early = new ArrayList<>(buffered);
    buffered.clear();
    for (Segment s : early) offer(s);
    buffered.clear(); // beyond what this iteration needs: older than any later one could use
    finishCollect();
    dispatch();
    return this;
  }

  private Behavior<Wire.ToCoordinator> evaluate(Evaluate e) {
    evaluating = e;
    evalSetup = e.setup();
    jobResults = new byte[e.jobs().size()][];
    jobsDone = 0;
    jobQueue.clear();
    for (int j = 0; j < e.jobs().size(); j++) jobQueue.add(j);
    for (Worker w : workers.values()) send(w, Wire.EVAL_SETUP, 0, evalSetup);
    if (e.jobs().isEmpty()) e.done().complete(List.of());
    dispatch();
    return this;
  }

  private void result(Worker w, byte[] payload) {
    int job = EvalJob.resultJob(payload);
    if (!w.jobs.remove(job) || evaluating == null || jobResults[job] != null) return;
    jobResults[job] = payload;
    if (++jobsDone == jobResults.length) {
      evaluating.done().complete(List.of(jobResults));
      evaluating = null;
    }
  }

  /** Work for every worker with room: evaluation jobs first (up to one per core), then segments. */
  private void dispatch() {
    for (Worker w : workers.values()) {
      while (evaluating != null
          && !jobQueue.isEmpty()
          && w.jobs.size() < Math.max(1, w.cores)
          && w.request < 0) {
        int job = jobQueue.poll();
        w.jobs.add(job);
        send(w, Wire.EVAL_JOB, job, evaluating.jobs().get(job));
      }
      if (w.request < 0 && w.jobs.isEmpty() && policy != null && wantSegment()) {
        w.request = nextRequest++;
        send(w, Wire.WORK, w.request, new Bytes.Out().i64(globalStep).bytes());
      }
    }
  }

  /**
   * While collecting: until the segments in hand and in flight cover the need; during the update,
   * with stale use on, one per worker.
   */
  private boolean wantSegment() {
    int inFlight = 0;
    for (Worker w : workers.values()) if (w.request >= 0) inFlight++;
    if (collecting != null) return accepted.size() + inFlight < collecting.need();
    return useStale && maxStaleness > 0 && buffered.size() + inFlight < workers.size();
  }

  private Behavior<Wire.ToCoordinator> gone(MemberGone g) {
    boolean any = false;
    for (var it = workers.values().iterator(); it.hasNext(); ) {
      Worker w = it.next();
      if (!w.ref.path().address().equals(g.address())) continue;
      it.remove();
      any = true;
      if (w.request >= 0) stats.lost();
      jobQueue.addAll(w.jobs);
      out.println(
          "cluster: worker "
              + w.id
              + " "
              + g.why()
              + (w.request >= 0 ? "; its segment in flight is requested again" : "")
              + " ("
              + workers.size()
              + " left)");
    }
    stats.workers(workers.size());
    if (any && g.why().equals("unreachable"))
      Cluster.get(getContext().getSystem()).manager().tell(new Down(g.address()));
    dispatch();
    return this;
  }
}
